namespace Cycast.Shared.Config;

/// <summary>The <c>server { }</c> block.</summary>
/// <param name="Host"><c>host</c>: IP address to bind to (default "0.0.0.0").</param>
/// <param name="SourcePort"><c>source_port</c>: port sources connect to, 1-65535 (default 8000).</param>
/// <param name="ListenPort"><c>listen_port</c>: port listeners connect to, 1-65535 (default 8001).</param>
/// <param name="SourcePassword"><c>source_password</c>: password sources must present, non-empty (default "hackme").</param>
/// <param name="MountPoint"><c>mount_point</c>: path of the station's default mount, starts with '/' (default "/stream").</param>
public sealed record ServerSettings(string Host, int SourcePort, int ListenPort, string SourcePassword, string MountPoint);
