using System.Collections.Concurrent;

namespace Cycast.Node.Observability;

/// <summary>
/// Encoders connected to this node, per mount, and the bytes they sent. The mount's entity may run on another node,
/// so only the connection handler knows which encoder is here; it counts once per read, never per listener.
/// </summary>
public sealed class SourceTraffic
{
    private readonly ConcurrentDictionary<string, Meter> _mounts = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, Meter>> Mounts => _mounts;

    /// <summary>The mount's meter, made once per mount so the pump only adds to a field it already holds.</summary>
    public Meter For(string mountPath) => _mounts.GetOrAdd(mountPath, static _ => new Meter());

    public bool Knows(string mountPath) => _mounts.ContainsKey(mountPath);

    /// <summary>Drops the meter of a mount that has gone, unless an encoder for it is still connected here.</summary>
    public void Forget(string mountPath)
    {
        if (_mounts.TryGetValue(mountPath, out var meter) && meter.Connected == 0)
            _mounts.TryRemove(KeyValuePair.Create(mountPath, meter));
    }

    /// <summary>One mount's encoder connections on this node and what they sent, as plain fields read at scrape time.</summary>
    public sealed class Meter
    {
        private int _connected;
        private long _bytesReceived;

        public int Connected => Volatile.Read(ref _connected);
        public long BytesReceived => Interlocked.Read(ref _bytesReceived);

        public void Connect() => Interlocked.Increment(ref _connected);
        public void Disconnect() => Interlocked.Decrement(ref _connected);
        public void Received(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);
    }
}
