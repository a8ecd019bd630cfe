using Cycast.Shared.Config;

namespace Cycast.Node.Reload;

/// <summary>
/// The keys a reload cannot apply to a running node: sockets already bound (ports, host), the cluster it has joined,
/// rings already allocated, and values the mounts' actors and Kestrel took at start-up. A reload keeps their running
/// values, so the node goes on as it started until the next restart, and names them so the operator knows.
/// </summary>
public static class RestartOnlySettings
{
    /// <summary>What runs after the reload: <paramref name="next"/>, except that every restart-only key keeps its running value.</summary>
    public static CycastSettings Keep(CycastSettings running, CycastSettings next) => next with
    {
        Server = next.Server with
        {
            Host = running.Server.Host,
            SourcePort = running.Server.SourcePort,
            ListenPort = running.Server.ListenPort,
            MountPoint = running.Server.MountPoint,
        },
        Buffer = running.Buffer,
        Broadcaster = running.Broadcaster,
        Playlist = running.Playlist,
        Cluster = running.Cluster,
        // Certificates and HSTS follow the file; the HTTPS ports are bound, and a block added or removed would bind or close one.
        Tls = running.Tls is { } tls && next.Tls is { } nextTls
            ? nextTls with { HttpsPort = tls.HttpsPort, SourceHttpsPort = tls.SourceHttpsPort }
            : running.Tls,
        Advanced = next.Advanced with
        {
            SourceTimeout = running.Advanced.SourceTimeout,
            MountIdleTimeout = running.Advanced.MountIdleTimeout,
            HeaderTimeout = running.Advanced.HeaderTimeout,
            FlaskDebug = running.Advanced.FlaskDebug,
            AccessLog = running.Advanced.AccessLog,
            WrongPasswordLimit = running.Advanced.WrongPasswordLimit,
        },
    };

    /// <summary>The restart-only keys whose value in <paramref name="next"/> differs from the running one, as the file names them.</summary>
    public static IReadOnlyList<string> Changed(CycastSettings running, CycastSettings next)
    {
        var changed = new List<string>();
        void Check(bool differs, string key)
        {
            if (differs)
                changed.Add(key);
        }
        Check(running.Server.Host != next.Server.Host, "server.host");
        Check(running.Server.SourcePort != next.Server.SourcePort, "server.source_port");
        Check(running.Server.ListenPort != next.Server.ListenPort, "server.listen_port");
        Check(running.Server.MountPoint != next.Server.MountPoint, "server.mount_point");
        Check(running.Buffer.SizeMb != next.Buffer.SizeMb, "buffer.size_mb");
        Check(running.Buffer.BurstSize != next.Buffer.BurstSize, "buffer.burst_size");
        Check(running.Buffer.QueueSize != next.Buffer.QueueSize, "buffer.queue_size");
        Check(running.Broadcaster.ChunkSize != next.Broadcaster.ChunkSize, "broadcaster.chunk_size");
        Check(running.Broadcaster.LatencyBudget != next.Broadcaster.LatencyBudget, "broadcaster.latency_budget_ms");
        Check(running.Playlist.Directory != next.Playlist.Directory, "playlist.directory");
        Check(running.Playlist.Shuffle != next.Playlist.Shuffle, "playlist.shuffle");
        Check(!running.Playlist.Extensions.SequenceEqual(next.Playlist.Extensions), "playlist.extensions");
        Check(running.Cluster.Hostname != next.Cluster.Hostname, "cluster.hostname");
        Check(running.Cluster.Port != next.Cluster.Port, "cluster.port");
        Check(!running.Cluster.SeedNodes.SequenceEqual(next.Cluster.SeedNodes), "cluster.seed_nodes");
        Check(running.Cluster.NodeName != next.Cluster.NodeName, "cluster.node_name");
        Check(running.Cluster.Secret != next.Cluster.Secret, "cluster.secret");
        Check(running.Tls is null != next.Tls is null, "tls");
        Check(running.Tls is { } tls && next.Tls is { } nextTls && tls.HttpsPort != nextTls.HttpsPort, "tls.https_port");
        Check(running.Tls is { } runningTls && next.Tls is { } nextSources && runningTls.SourceHttpsPort != nextSources.SourceHttpsPort, "tls.source_https_port");
        Check(running.Advanced.SourceTimeout != next.Advanced.SourceTimeout, "advanced.source_timeout");
        Check(running.Advanced.MountIdleTimeout != next.Advanced.MountIdleTimeout, "advanced.mount_idle_timeout");
        Check(running.Advanced.HeaderTimeout != next.Advanced.HeaderTimeout, "advanced.header_timeout");
        Check(running.Advanced.FlaskDebug != next.Advanced.FlaskDebug, "advanced.flask_debug");
        Check(running.Advanced.AccessLog != next.Advanced.AccessLog, "advanced.access_log");
        Check(running.Advanced.WrongPasswordLimit != next.Advanced.WrongPasswordLimit, "advanced.wrong_password_limit");
        return changed;
    }
}
