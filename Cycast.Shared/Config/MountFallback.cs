namespace Cycast.Shared.Config;

/// <summary>
/// Icecast's fallback mount: <c>fallback_mount</c>, the mount this one's listeners hear while it has no live source
/// (its own playlist only if that mount has none either), <c>fallback_override</c>, whether a returning source takes
/// the fallback mount's listeners back, and <c>fallback_when_full</c>, whether listeners beyond <c>max_listeners</c> go
/// to the fallback mount instead of being refused.
/// </summary>
public sealed record MountFallback(string Mount, bool Override, bool WhenFull);
