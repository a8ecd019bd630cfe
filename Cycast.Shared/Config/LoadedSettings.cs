namespace Cycast.Shared.Config;

/// <param name="Notices">
/// Complete, position-prefixed remarks about settings that were accepted but have no effect.
/// Returned rather than logged because configuration is read before logging exists.
/// </param>
public sealed record LoadedSettings(CycastSettings Settings, IReadOnlyList<string> Notices);
