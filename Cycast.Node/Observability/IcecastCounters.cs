namespace Cycast.Node.Observability;

/// <summary>
/// The connection counters Icecast 2.4's <c>/admin/stats</c> shows, with its meanings, since this node started: each
/// node counts what it accepted itself, as each Icecast does, so a cluster's totals are the sum over its nodes. Plain
/// interlocked fields: the counts are bumped once per connection, never per audio chunk.
/// </summary>
public sealed class IcecastCounters
{
    private long _connections, _clientConnections, _clients;
    private long _listenerConnections, _sourceClientConnections;
    private long _statsConnections, _stats, _fileConnections;

    /// <summary><c>connections</c>: every TCP connection accepted on either port.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary><c>client_connections</c>: connections that went on to send a whole request head.</summary>
    public long ClientConnections => Interlocked.Read(ref _clientConnections);

    /// <summary><c>clients</c>: connections open now.</summary>
    public long Clients => Interlocked.Read(ref _clients);

    /// <summary><c>listener_connections</c>: players that asked for a mount.</summary>
    public long ListenerConnections => Interlocked.Read(ref _listenerConnections);

    /// <summary><c>source_client_connections</c>: encoders that sent SOURCE or PUT.</summary>
    public long SourceClientConnections => Interlocked.Read(ref _sourceClientConnections);

    /// <summary><c>source_relay_connections</c>: Cycast pulls from no other server, so none ever.</summary>
    public long SourceRelayConnections => 0;

    /// <summary><c>source_total_connections</c>: encoders and relays together.</summary>
    public long SourceTotalConnections => SourceClientConnections + SourceRelayConnections;

    /// <summary><c>stats_connections</c>: watchers of the live stats feed (Icecast's STATS clients; Cycast's /api/live).</summary>
    public long StatsConnections => Interlocked.Read(ref _statsConnections);

    /// <summary><c>stats</c>: such watchers connected now.</summary>
    public long Stats => Interlocked.Read(ref _stats);

    /// <summary><c>file_connections</c>: files served rather than streamed (Icecast's fserve: the .m3u and .xspf playlists).</summary>
    public long FileConnections => Interlocked.Read(ref _fileConnections);

    /// <summary>A connection was accepted; disposing the result says it closed.</summary>
    public IDisposable Connected()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _clients);
        return new Decrement(() => Interlocked.Decrement(ref _clients));
    }

    public void RequestHeadRead() => Interlocked.Increment(ref _clientConnections);

    public void ListenerConnected() => Interlocked.Increment(ref _listenerConnections);

    public void SourceConnected() => Interlocked.Increment(ref _sourceClientConnections);

    public void FileServed() => Interlocked.Increment(ref _fileConnections);

    /// <summary>A stats watcher connected; disposing the result says it left.</summary>
    public IDisposable StatsWatcher()
    {
        Interlocked.Increment(ref _statsConnections);
        Interlocked.Increment(ref _stats);
        return new Decrement(() => Interlocked.Decrement(ref _stats));
    }

    private sealed class Decrement(Action undo) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                undo();
        }
    }
}
