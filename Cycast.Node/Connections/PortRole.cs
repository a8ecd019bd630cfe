namespace Cycast.Node.Connections;

/// <summary>Which of the station's two ports a connection arrived on.</summary>
public enum PortRole
{
    /// <summary><c>server.source_port</c>: encoders, plus the admin API.</summary>
    Source,

    /// <summary><c>server.listen_port</c>: players, the status page and the JSON API.</summary>
    Listen,
}
