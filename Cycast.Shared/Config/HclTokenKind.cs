namespace Cycast.Shared.Config;

internal enum HclTokenKind
{
    Identifier,
    String,
    Integer,
    Float,
    Equals,
    Comma,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    EndOfFile,
}
