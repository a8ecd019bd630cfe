namespace Cycast.Shared.Config;

/// <summary>A 1-based line and column in a configuration file, carried by every token and syntax node so errors can point at the offending text.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The <c>file:line:column</c> prefix shared by errors and notices.</summary>
    public string In(string file) => $"{file}:{Line}:{Column}";
}
