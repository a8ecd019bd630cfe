using Akka.Actor;

namespace Cycast.Actors.Clustering;

/// <summary>
/// What this node's Cycast messages cost on the wire between nodes: counted where they are serialized, so local
/// messages (which Akka never serializes) do not count. One per ActorSystem, as an Akka extension, because the
/// serializer is made by Akka and has nothing else to reach it by.
/// </summary>
public sealed class InterNodeTraffic : IExtension
{
    private long _bytesSent;
    private long _bytesReceived;
    private long _audioBytesReceived;

    public static InterNodeTraffic For(ActorSystem system) => system.WithExtension<InterNodeTraffic, InterNodeTrafficProvider>();

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Of <see cref="BytesReceived"/>, the audio payload that replicas on this node got from a mount entity on another.</summary>
    public long AudioBytesReceived => Interlocked.Read(ref _audioBytesReceived);

    internal void Sent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);
    internal void Received(int bytes) => Interlocked.Add(ref _bytesReceived, bytes);
    internal void AudioReceived(int bytes) => Interlocked.Add(ref _audioBytesReceived, bytes);
}

public sealed class InterNodeTrafficProvider : ExtensionIdProvider<InterNodeTraffic>
{
    public override InterNodeTraffic CreateExtension(ExtendedActorSystem system) => new();
}
