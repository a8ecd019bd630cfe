namespace Cycast.Shared.Config;

/// <summary>The <c>advanced { }</c> block.</summary>
/// <param name="MaxListeners"><c>max_listeners</c>: concurrent listener limit, 0 = unlimited; also the default per-mount limit (default 0).</param>
/// <param name="SourceTimeout"><c>source_timeout</c>: seconds, integer or float, greater than 0 and at most 86400 (default 10.0).</param>
/// <param name="VerboseLogging"><c>verbose_logging</c> (default false).</param>
/// <param name="EnableStats"><c>enable_stats</c>: serve /api/stats (default true).</param>
/// <param name="FlaskDebug"><c>flask_debug</c>: kept from the original Python server's schema so its files load (default false).</param>
/// <param name="FlaskSecretKey"><c>flask_secret_key</c>: kept from the original Python server's schema so its files load (default "change-me-in-production").</param>
/// <param name="MaxMounts"><c>max_mounts</c>: how many mounts a node knows at most, configured ones included; an encoder naming a new mount past it gets 403 (default 100).</param>
/// <param name="MountIdleTimeout"><c>mount_idle_timeout</c>: seconds a mount an encoder created lives on with no source and no listener (default 30).</param>
/// <param name="HeaderTimeout"><c>header_timeout</c>: seconds a client has to send its whole request head, as Icecast's header-timeout (default 15).</param>
/// <param name="AccessLog"><c>access_log</c>: the file listener sessions are appended to in Icecast's access.log format (default: none, no access log).</param>
/// <param name="WrongPasswordLimit"><c>wrong_password_limit</c>: wrong passwords one address may give within a minute before it waits out the minute, 0 = no limit (default 10).</param>
public sealed record AdvancedSettings(int MaxListeners, TimeSpan SourceTimeout, bool VerboseLogging, bool EnableStats, bool FlaskDebug, string FlaskSecretKey,
    int MaxMounts, TimeSpan MountIdleTimeout, TimeSpan HeaderTimeout, int WrongPasswordLimit, string? AccessLog = null);
