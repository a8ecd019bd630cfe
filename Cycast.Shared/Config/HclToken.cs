namespace Cycast.Shared.Config;

/// <param name="Text">The identifier or number as written, or a string's decoded contents.</param>
internal sealed record HclToken(HclTokenKind Kind, string Text, SourcePosition Position)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        HclTokenKind.EndOfFile => "end of file",
        HclTokenKind.String => HclString.Quote(Text),
        HclTokenKind.Integer or HclTokenKind.Float => Text,
        _ => $"'{Text}'",
    };
}
