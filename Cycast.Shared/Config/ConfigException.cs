namespace Cycast.Shared.Config;

/// <summary>
/// A configuration problem that must stop start-up. The message is self-contained
/// (<c>file:line:column: problem</c>) so the caller can print it as is.
/// </summary>
public sealed class ConfigException : Exception
{
    internal ConfigException(string file, SourcePosition? position, string? key, string problem)
        : base($"{(position is { } at ? at.In(file) : file)}: {problem}")
    {
        File = file;
        Line = position?.Line ?? 0;
        Column = position?.Column ?? 0;
        Key = key;
    }

    /// <summary>The file name as the caller gave it, or the environment variable that held the bad value.</summary>
    public string File { get; }

    /// <summary>1-based line, or 0 when the problem concerns the whole file or an environment variable.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when <see cref="Line"/> is 0.</summary>
    public int Column { get; }

    /// <summary>The setting at fault, qualified by its block (e.g. <c>server.source_port</c>, <c>mount "/main".source_password</c>); null for pure syntax errors.</summary>
    public string? Key { get; }
}
