using Cycast.Node.Hosting;
using Cycast.Shared.Config;

// Cycast.Node [-c|--config PATH]. Without a config file the built-in defaults run a station.
var configPath = new ConfigurationBuilder()
    .AddCommandLine(args, new Dictionary<string, string> { ["-c"] = "config", ["--config"] = "config" })
    .Build()["config"];
LoadedSettings loaded;
try
{
    loaded = configPath is null ? SettingsLoader.Defaults() : SettingsLoader.LoadFile(configPath);
}
catch (ConfigException error)
{
    Console.Error.WriteLine($"cycast: bad configuration: {error.Message}");
    return 2;
}

var app = CycastApp.Build(loaded);
await app.RunAsync();
return 0;
