using System.Text;

namespace Cycast.Shared.Config;

/// <summary>
/// Splits HCL text into tokens. Whitespace, newlines and comments are dropped: attributes need no
/// separator, which lets short blocks sit on one line (<c>cluster { hostname = "a"  port = 1 }</c>).
/// </summary>
internal sealed class HclLexer
{
    private readonly string _text;
    private readonly string _file;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private HclLexer(string text, string file)
    {
        _text = text;
        _file = file;
        // Editors on Windows like to save a byte-order mark; it is not part of the content.
        if (text.StartsWith('\uFEFF'))
        {
            _index = 1;
        }
    }

    public static List<HclToken> Tokenize(string text, string file) => new HclLexer(text, file).ReadAll();

    private SourcePosition Position => new(_line, _column);

    private char Current => _text[_index];

    private bool AtEnd => _index >= _text.Length;

    private char? Peek(int ahead) => _index + ahead < _text.Length ? _text[_index + ahead] : null;

    private List<HclToken> ReadAll()
    {
        var tokens = new List<HclToken>();
        while (true)
        {
            SkipWhitespaceAndComments();
            var start = Position;
            if (AtEnd)
            {
                tokens.Add(new HclToken(HclTokenKind.EndOfFile, "", start));
                return tokens;
            }

            var c = Current;
            var punctuation = c switch
            {
                '=' => HclTokenKind.Equals,
                ',' => HclTokenKind.Comma,
                '{' => HclTokenKind.LeftBrace,
                '}' => HclTokenKind.RightBrace,
                '[' => HclTokenKind.LeftBracket,
                ']' => HclTokenKind.RightBracket,
                _ => (HclTokenKind?)null,
            };
            if (punctuation is { } kind)
            {
                Advance();
                tokens.Add(new HclToken(kind, c.ToString(), start));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(start));
            }
            else if (IsIdentifierStart(c))
            {
                tokens.Add(new HclToken(HclTokenKind.Identifier, ReadWhile(IsIdentifierPart), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && Peek(1) is { } next && char.IsAsciiDigit(next)))
            {
                tokens.Add(ReadNumber(start));
            }
            else
            {
                throw new ConfigException(_file, start, null, $"unexpected character '{c}'");
            }
        }
    }

    private void SkipWhitespaceAndComments()
    {
        while (!AtEnd)
        {
            if (char.IsWhiteSpace(Current))
            {
                Advance();
            }
            else if (Current == '#' || (Current == '/' && Peek(1) == '/'))
            {
                while (!AtEnd && Current != '\n')
                {
                    Advance();
                }
            }
            else if (Current == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = Position;
        Advance();
        Advance();
        while (true)
        {
            if (AtEnd)
            {
                throw new ConfigException(_file, start, null, "unterminated block comment: '/*' has no matching '*/'");
            }
            if (Current == '*' && Peek(1) == '/')
            {
                break;
            }
            Advance();
        }
        Advance();
        Advance();
    }

    private HclToken ReadString(SourcePosition start)
    {
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new ConfigException(_file, start, null, "unterminated string: missing closing '\"' on this line");
            }
            var c = Current;
            if (c == '"')
            {
                Advance();
                return new HclToken(HclTokenKind.String, value.ToString(), start);
            }
            if (c == '\\')
            {
                var escapeAt = Position;
                Advance();
                char? escaped = AtEnd ? null : Current switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    _ => null,
                };
                if (escaped is null)
                {
                    var written = AtEnd || Current == '\n' ? "\\" : $"\\{Current}";
                    throw new ConfigException(_file, escapeAt, null,
                        $"unknown escape '{written}' in string (supported: \\\" \\\\ \\n \\t; write a backslash as \\\\)");
                }
                value.Append(escaped.Value);
                Advance();
                continue;
            }
            value.Append(c);
            Advance();
        }
    }

    private HclToken ReadNumber(SourcePosition start)
    {
        var from = _index;
        if (Current == '-')
        {
            Advance();
        }
        ReadWhile(char.IsAsciiDigit);
        var isFloat = false;
        if (!AtEnd && Current == '.' && Peek(1) is { } afterDot && char.IsAsciiDigit(afterDot))
        {
            isFloat = true;
            Advance();
            ReadWhile(char.IsAsciiDigit);
        }
        if (!AtEnd && (Current is 'e' or 'E') && HasExponentDigits())
        {
            isFloat = true;
            Advance();
            if (Current is '+' or '-')
            {
                Advance();
            }
            ReadWhile(char.IsAsciiDigit);
        }
        // "10s" or "1.2.3" must not silently become a number followed by something else.
        if (!AtEnd && (IsIdentifierPart(Current) || Current == '.'))
        {
            ReadWhile(c => IsIdentifierPart(c) || c == '.');
            throw new ConfigException(_file, start, null, $"invalid number '{_text[from.._index]}'");
        }
        return new HclToken(isFloat ? HclTokenKind.Float : HclTokenKind.Integer, _text[from.._index], start);
    }

    private bool HasExponentDigits()
    {
        var digitAt = Peek(1) is '+' or '-' ? 2 : 1;
        return Peek(digitAt) is { } digit && char.IsAsciiDigit(digit);
    }

    private string ReadWhile(Func<char, bool> predicate)
    {
        var from = _index;
        while (!AtEnd && predicate(Current))
        {
            Advance();
        }
        return _text[from.._index];
    }

    private void Advance()
    {
        if (Current == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _index++;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
