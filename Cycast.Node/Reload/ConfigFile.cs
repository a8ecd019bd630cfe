namespace Cycast.Node.Reload;

/// <summary>The configuration file the node was started with, which SIGHUP reads again; null when it runs on the built-in defaults.</summary>
public sealed record ConfigFile(string? Path);
