using System.Text.RegularExpressions;
using Cycast.Shared.Config;
using static Cycast.Tests.Config.ConfigSamples;

namespace Cycast.Tests.Config;

/// <summary>The config.hcl shipped at the repository root is what operators copy, so it must load and its examples must be right.</summary>
public partial class ConfigFileTests
{
    private static string ShippedConfigPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cycast.Cluster.sln")))
            {
                return Path.Combine(directory.FullName, "config.hcl");
            }
        }
        throw new InvalidOperationException($"no Cycast.Cluster.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void Shipped_config_loads_and_serves_the_default_stream()
    {
        var loaded = SettingsLoader.LoadFile(ShippedConfigPath(), NoEnvironment);
        var settings = loaded.Settings;

        Assert.Equal(new ServerSettings("0.0.0.0", 8000, 8001, "hackme", "/stream"), settings.Server);
        Assert.Equal(10, settings.Buffer.SizeMb);
        Assert.Equal([".mp3", ".ogg"], settings.Playlist.Extensions);
        Assert.Equal("Cycast Radio", settings.Metadata.StationName);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Advanced.SourceTimeout);
        Assert.Empty(settings.Mounts);
        Assert.Equal("/stream", Assert.Single(settings.EffectiveMounts).Path);
        Assert.Equal(3, loaded.Notices.Count);
        Assert.All(loaded.Notices, notice => Assert.Contains("is ignored", notice));
    }

    [Fact]
    public void Shipped_config_extension_examples_are_valid_once_uncommented()
    {
        var text = File.ReadAllText(ShippedConfigPath());
        var extensions = text[text.IndexOf("# Cycast extensions", StringComparison.Ordinal)..];
        var uncommented = string.Join('\n', extensions.Split('\n').Select(line => ExampleLine().Replace(line, "$1")));

        var settings = Load(uncommented).Settings;

        Assert.Equal(new BufferSettings(10, 65536, 524288), settings.Buffer);
        var main = Assert.Single(settings.Mounts);
        Assert.Equal(new MountSettings("/main", "main-pass", "./music/main", "Cycast Main", "Your Description", "Various", "http://localhost:8001", 100), main);
        Assert.Equal(["/main", "/stream"], settings.EffectiveMounts.Select(m => m.Path));
        Assert.Equal("127.0.0.1", settings.Cluster.Hostname);
        Assert.Equal(0, settings.Cluster.Port);
        Assert.Equal(["127.0.0.1:4053", "127.0.0.1:4054"], settings.Cluster.SeedNodes);
    }

    /// <summary>Commented-out HCL: a block opener, a closing brace, or an indented line inside a block.</summary>
    [GeneratedRegex("""^# ([a-z_]+( "[^"]*")? \{|\}|\s+.*)$""")]
    private static partial Regex ExampleLine();
}
