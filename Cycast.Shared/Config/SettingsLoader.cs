namespace Cycast.Shared.Config;

/// <summary>
/// Entry point for configuration: HCL text in, validated <see cref="CycastSettings"/> out, or a
/// <see cref="ConfigException"/> whose message alone tells the operator what to fix and where.
/// Every <c>environment</c> parameter reads a variable by name (default: the process environment);
/// it exists so tests can supply the CYCAST_CLUSTER_* overrides.
/// </summary>
public static class SettingsLoader
{
    public static LoadedSettings LoadFile(string path, Func<string, string?>? environment = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException(path, null, null, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, null, null, $"cannot read file: {e.Message}");
        }
        return Parse(text, path, environment);
    }

    /// <param name="fileName">Used only in messages, exactly as given.</param>
    public static LoadedSettings Parse(string text, string fileName, Func<string, string?>? environment = null) =>
        SettingsBinder.Bind(HclParser.Parse(text, fileName), fileName, environment ?? Environment.GetEnvironmentVariable);

    /// <summary>The built-in defaults, as if from an empty file; the CYCAST_CLUSTER_* overrides still apply.</summary>
    public static LoadedSettings Defaults(Func<string, string?>? environment = null) =>
        SettingsBinder.Bind(new HclBody([], []), "(built-in defaults)", environment ?? Environment.GetEnvironmentVariable);
}
