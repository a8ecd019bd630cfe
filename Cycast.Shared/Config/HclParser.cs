using System.Globalization;

namespace Cycast.Shared.Config;

/// <summary>
/// Parses the HCL1 subset Cycast's configuration uses: attributes (<c>key = value</c>) holding strings,
/// integers, floats, bools or lists, and blocks with any number of string labels, nested to any depth.
/// It knows nothing of Cycast's schema; <see cref="SettingsLoader"/> gives the tree its meaning.
/// </summary>
public sealed class HclParser
{
    /// <summary>Cycast's schema nests three deep; the cap keeps a hostile or broken file from overflowing the stack.</summary>
    public const int MaxNesting = 32;

    private readonly List<HclToken> _tokens;
    private readonly string _file;
    private int _next;

    private HclParser(List<HclToken> tokens, string file)
    {
        _tokens = tokens;
        _file = file;
    }

    /// <param name="fileName">Used only in error messages, exactly as given.</param>
    /// <exception cref="ConfigException">The text is not valid HCL.</exception>
    public static HclBody Parse(string text, string fileName) =>
        new HclParser(HclLexer.Tokenize(text, fileName), fileName).ParseBody(enclosingBlock: null, depth: 0);

    private HclToken Peek() => _tokens[_next];

    private HclToken Take()
    {
        var token = _tokens[_next];
        // The end-of-file token stays put so every lookahead past the end sees it.
        if (token.Kind != HclTokenKind.EndOfFile)
        {
            _next++;
        }
        return token;
    }

    private ConfigException Error(SourcePosition at, string problem) => new(_file, at, null, problem);

    /// <param name="enclosingBlock">The block's name token and description, or null at the top level of the file.</param>
    /// <param name="depth">How many blocks and lists enclose this one.</param>
    private HclBody ParseBody((HclToken Opener, string Name)? enclosingBlock, int depth)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case HclTokenKind.EndOfFile when enclosingBlock is { } open:
                    throw Error(token.Position,
                        $"expected '}}' to close block '{open.Name}' opened at line {open.Opener.Position.Line}, got end of file");
                case HclTokenKind.EndOfFile:
                    return new HclBody(attributes, blocks);
                case HclTokenKind.RightBrace when enclosingBlock is not null:
                    Take();
                    return new HclBody(attributes, blocks);
                case HclTokenKind.RightBrace:
                    throw Error(token.Position, "unexpected '}' with no open block to close");
                case HclTokenKind.Identifier:
                    Take();
                    if (Peek().Kind == HclTokenKind.Equals)
                    {
                        Take();
                        attributes.Add(new HclAttribute(token.Text, ParseValue($"after '{token.Text} ='", depth), token.Position));
                    }
                    else
                    {
                        blocks.Add(ParseBlock(token, depth + 1));
                    }
                    break;
                default:
                    throw Error(token.Position, $"expected a key or block name, got {token.Describe()}");
            }
        }
    }

    private HclBlock ParseBlock(HclToken type, int depth)
    {
        CheckNesting(type, depth);
        var labels = new List<HclToken>();
        while (Peek().Kind == HclTokenKind.String)
        {
            labels.Add(Take());
        }
        var brace = Peek();
        if (brace.Kind != HclTokenKind.LeftBrace)
        {
            // `key value` and `key "value"` are far more often a forgotten '=' than a block missing its '{'.
            if (labels.Count <= 1)
            {
                throw Error(labels.Count == 1 ? labels[0].Position : brace.Position, $"expected '=' after key '{type.Text}'");
            }
            throw Error(brace.Position, $"expected '{{' to open block '{type.Text}', got {brace.Describe()}");
        }
        Take();
        var labelTexts = labels.Select(label => label.Text).ToList();
        var body = ParseBody((type, HclBlock.NameOf(type.Text, labelTexts)), depth);
        return new HclBlock(type.Text, labelTexts, body, type.Position);
    }

    /// <param name="context">Where the value was expected, to finish the sentence "expected a value ...".</param>
    private HclValue ParseValue(string context, int depth)
    {
        var token = Take();
        switch (token.Kind)
        {
            case HclTokenKind.String:
                return new HclString(token.Text, token.Position);
            case HclTokenKind.Integer:
                return long.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                    ? new HclInteger(integer, token.Position)
                    : throw Error(token.Position, $"integer {token.Text} is too large");
            case HclTokenKind.Float:
                var number = double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsFinite(number)
                    ? new HclFloat(number, token.Text, token.Position)
                    : throw Error(token.Position, $"number {token.Text} is too large");
            case HclTokenKind.Identifier when token.Text is "true" or "false":
                return new HclBool(token.Text == "true", token.Position);
            case HclTokenKind.Identifier:
                throw Error(token.Position, $"expected a value {context}, got {token.Describe()} (strings need double quotes)");
            case HclTokenKind.LeftBracket:
                return ParseList(token, context, depth + 1);
            default:
                throw Error(token.Position, $"expected a value {context}, got {token.Describe()}");
        }
    }

    private HclList ParseList(HclToken opener, string context, int depth)
    {
        CheckNesting(opener, depth);
        var items = new List<HclValue>();
        while (true)
        {
            if (Peek().Kind == HclTokenKind.RightBracket)
            {
                Take();
                return new HclList(items, opener.Position);
            }
            items.Add(ParseValue($"in the list {context}", depth));
            var separator = Take();
            switch (separator.Kind)
            {
                case HclTokenKind.Comma:
                    continue;
                case HclTokenKind.RightBracket:
                    return new HclList(items, opener.Position);
                case HclTokenKind.EndOfFile:
                    throw Error(separator.Position, $"expected ']' to close the list opened at line {opener.Position.Line}, got end of file");
                default:
                    throw Error(separator.Position, $"expected ',' or ']' in the list {context}, got {separator.Describe()}");
            }
        }
    }

    private void CheckNesting(HclToken opener, int depth)
    {
        if (depth > MaxNesting)
            throw Error(opener.Position, $"blocks and lists nested more than {MaxNesting} deep");
    }
}
