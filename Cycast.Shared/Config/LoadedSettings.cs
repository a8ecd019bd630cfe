namespace Cycast.Shared.Config;

/// <param name="Notices">
/// Complete, position-prefixed remarks about settings that were accepted but have no effect.
/// Returned rather than logged because configuration is read before logging exists.
/// </param>
/// <param name="Keys">
/// Every key the schema has for the blocks the file holds, as <c>block.key</c> (a mount block's as <c>mount.key</c>):
/// the keys the binder read, not a list beside it, so docs/configuration.md can be checked against them.
/// </param>
public sealed record LoadedSettings(CycastSettings Settings, IReadOnlyList<string> Notices, IReadOnlySet<string> Keys);
