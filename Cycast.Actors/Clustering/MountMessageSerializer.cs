using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Cycast.Actors.Messages;

namespace Cycast.Actors.Clustering;

/// <summary>
/// The wire form of every <see cref="IClusterMessage"/>: a short manifest naming the message, then its fields in
/// order. Audio goes as raw bytes. Every kind of message is one entry of one list (<see cref="Kinds"/>), with its
/// manifest, writer and reader side by side.
/// </summary>
public sealed class MountMessageSerializer : SerializerWithStringManifest
{
    private readonly InterNodeTraffic _traffic;
    private readonly Dictionary<Type, MessageKind> _byType;
    private readonly Dictionary<string, MessageKind> _byManifest;

    public MountMessageSerializer(ExtendedActorSystem system) : base(system)
    {
        _traffic = InterNodeTraffic.For(system);
        var kinds = Kinds(system);
        _byType = kinds.ToDictionary(kind => kind.Type);
        _byManifest = kinds.ToDictionary(kind => kind.Manifest, StringComparer.Ordinal);
    }

    public override int Identifier => 7341;

    public override string Manifest(object message) => KindOf(message).Manifest;

    public override byte[] ToBinary(object message)
    {
        var kind = KindOf(message);
        // Room for a whole piece of audio and its fields, so writing one never grows the buffer.
        using var buffer = new MemoryStream(AudioLength(message) + 256);
        using (var writer = new BinaryWriter(buffer))
            kind.Write(writer, message);
        var bytes = buffer.ToArray();
        _traffic.Sent(bytes.Length);
        return bytes;
    }

    /// <exception cref="SerializationException">The manifest is unknown, or the bytes are not a message of its kind.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        _traffic.Received(bytes.Length);
        if (!_byManifest.TryGetValue(manifest, out var kind))
            throw new SerializationException($"unknown Cycast message manifest '{manifest}'");
        // Publicly visible, so audio can be read as a slice of the message's own array instead of a copy.
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true));
        object message;
        try
        {
            message = kind.Read(reader);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or OverflowException)
        {
            throw new SerializationException($"malformed Cycast message '{manifest}' ({bytes.Length} bytes): {e.Message}", e);
        }
        if (reader.BaseStream.Position != bytes.Length)
            throw new SerializationException($"malformed Cycast message '{manifest}': {bytes.Length - reader.BaseStream.Position} bytes left over");
        if (message is MountAudio audio)
            _traffic.AudioReceived(audio.Data.Length);
        return message;
    }

    private static int AudioLength(object message) => message switch
    {
        MountAudio audio => audio.Data.Length,
        SourceData data => data.Data.Length,
        _ => 0,
    };

    private MessageKind KindOf(object message) => _byType.TryGetValue(message.GetType(), out var kind)
        ? kind
        : throw new ArgumentException($"{message.GetType()} is not a Cycast cluster message");

    /// <summary>Every message that crosses nodes. A manifest, once used, never names another message.</summary>
    private static MessageKind[] Kinds(ExtendedActorSystem system)
    {
        void WriteRef(BinaryWriter w, IActorRef actor) => w.Write(Serialization.SerializedActorPath(actor));
        IActorRef ReadRef(BinaryReader r) => system.Provider.ResolveActorRef(r.ReadString());

        return
        [
            MessageKind.Of<SourceConnect>("SC",
                (w, m) =>
                {
                    w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.WriteProperties(m.Properties); w.Write(m.Peer);
                    w.Write(m.Resume is not null);
                    if (m.Resume is { } resume)
                    {
                        w.Write(resume.Position); w.WriteTitle(resume.Title); w.WriteBytes(resume.StreamHeader); w.Write(resume.Continues);
                        w.Write(resume.StreamOffset);
                    }
                },
                r => new SourceConnect(r.ReadString(), r.ReadGuid(), r.ReadProperties(), r.ReadString(),
                    r.ReadBoolean() ? new SourceResume(r.ReadInt64(), r.ReadTitle(), r.ReadBytes(), r.ReadBoolean(), r.ReadInt64()) : null)),
            MessageKind.Of<SourceAccepted>("SA",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Position); },
                r => new SourceAccepted(r.ReadString(), r.ReadInt64())),
            MessageKind.Of<SourceRefused>("SR",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Reason); },
                r => new SourceRefused(r.ReadString(), r.ReadString())),
            MessageKind.Of<SourceData>("SD",
                (w, m) => { w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.Write(m.Position); w.WriteBytes(m.Data.Span); },
                r => new SourceData(r.ReadString(), r.ReadGuid(), r.ReadInt64(), r.ReadSlice())),
            MessageKind.Of<SourceDisconnect>("SX",
                (w, m) => { w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.Write(m.Reason); },
                r => new SourceDisconnect(r.ReadString(), r.ReadGuid(), r.ReadString())),
            MessageKind.Of<SourceProgress>("SP",
                (w, m) => { w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.Write(m.Position); },
                r => new SourceProgress(r.ReadString(), r.ReadGuid(), r.ReadInt64())),
            MessageKind.Of<SourceStreamContext>("SK",
                (w, m) => { w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.WriteTitle(m.Title); w.WriteBytes(m.StreamHeader); },
                r => new SourceStreamContext(r.ReadString(), r.ReadGuid(), r.ReadTitle(), r.ReadBytes())),
            MessageKind.Of<SourceMoving>("SM",
                (w, m) => { w.Write(m.MountPath); w.WriteGuid(m.SessionId); w.Write(m.Position); w.Write(m.StreamOffset); },
                r => new SourceMoving(r.ReadString(), r.ReadGuid(), r.ReadInt64(), r.ReadInt64())),
            MessageKind.Of<UpdateMetadata>("UM",
                (w, m) => { w.Write(m.MountPath); w.WriteTitle(m.Title); },
                r => new UpdateMetadata(r.ReadString(), r.ReadTitle())),
            MessageKind.Of<MetadataUpdated>("MU",
                (w, m) => w.Write(m.MountPath),
                r => new MetadataUpdated(r.ReadString())),
            MessageKind.Of<MetadataRefused>("MR",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Reason); },
                r => new MetadataRefused(r.ReadString(), r.ReadString())),
            MessageKind.Of<GetMountStatus>("GS",
                (w, m) => w.Write(m.MountPath),
                r => new GetMountStatus(r.ReadString())),
            MessageKind.Of<MountStatus>("MS",
                (w, m) =>
                {
                    w.Write(m.MountPath); w.Write(m.SourceConnected); w.Write(m.PlayingFallback); w.WriteTitle(m.Title);
                    w.Write(m.Listeners); w.WriteHead(m.Head); w.Write(m.BytesReceived); w.Write(m.BufferAvailable); w.Write(m.BufferCapacity);
                    w.Write(m.ListenerPeak); w.Write(m.StreamStart.ToUnixTimeMilliseconds()); w.WriteOptional(m.SourcePeer);
                    w.WriteOptional(m.SourceUserAgent);
                },
                r => new MountStatus(r.ReadString(), r.ReadBoolean(), r.ReadBoolean(), r.ReadTitle(), r.ReadInt32(), r.ReadHead(),
                    r.ReadInt64(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()), r.ReadOptional(),
                    r.ReadOptional())),
            MessageKind.Of<KillSource>("KS",
                (w, m) => w.Write(m.MountPath),
                r => new KillSource(r.ReadString())),
            MessageKind.Of<SourceKilled>("KD",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Found); },
                r => new SourceKilled(r.ReadString(), r.ReadBoolean())),
            MessageKind.Of<GetMountNodes>("GN",
                (w, m) => w.Write(m.MountPath),
                r => new GetMountNodes(r.ReadString())),
            MessageKind.Of<MountNodes>("MN",
                (w, m) => { w.Write(m.MountPath); w.Write(m.EntityNode); w.WriteCounts(m.ListenersByNode); },
                r => new MountNodes(r.ReadString(), r.ReadString(), r.ReadCounts())),
            MessageKind.Of<WakeMount>("WM",
                (w, m) => w.Write(m.MountPath),
                r => new WakeMount(r.ReadString())),
            MessageKind.Of<SubscribeReplica>("RS",
                (w, m) =>
                {
                    w.Write(m.MountPath); WriteRef(w, m.Replica); w.Write(m.Listeners); w.Write(m.SourceWasLive); w.Write(m.Continues); w.Write(m.Epoch);
                    w.Write(m.Offset);
                },
                r => new SubscribeReplica(r.ReadString(), ReadRef(r), r.ReadInt32(), r.ReadBoolean(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64())),
            MessageKind.Of<ReplicaSubscribed>("RD",
                (w, m) => w.Write(m.MountPath),
                r => new ReplicaSubscribed(r.ReadString())),
            MessageKind.Of<ReplicaListeners>("RL",
                (w, m) => { w.Write(m.MountPath); WriteRef(w, m.Replica); w.Write(m.Listeners); },
                r => new ReplicaListeners(r.ReadString(), ReadRef(r), r.ReadInt32())),
            MessageKind.Of<MountAudio>("MA",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Offset); w.WriteBytes(m.Data.Span); w.WriteLongs(m.JoinPoints); w.Write(m.Epoch); },
                r => new MountAudio(r.ReadString(), r.ReadInt64(), r.ReadSlice(), r.ReadLongs(), r.ReadInt64())),
            MessageKind.Of<MountStreamState>("MT",
                (w, m) =>
                {
                    w.Write(m.MountPath); w.Write(m.StreamNumber); w.Write(m.EarliestJoin); w.WriteBytes(m.StreamHeader);
                    w.WriteHead(m.Head); w.WriteTitle(m.Title); w.Write(m.SourceLive); w.Write(m.Continuation); w.Write(m.Origin);
                    w.Write(m.Epoch);
                },
                r => new MountStreamState(r.ReadString(), r.ReadInt32(), r.ReadInt64(), r.ReadBytes(), r.ReadHead(), r.ReadTitle(),
                    r.ReadBoolean(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64())),
            MessageKind.Of<MountFenced>("MF",
                (w, m) => { w.Write(m.MountPath); w.Write(m.Epoch); },
                r => new MountFenced(r.ReadString(), r.ReadInt64())),
            MessageKind.Of<MountRetired>("MX",
                (w, m) => w.Write(m.MountPath),
                r => new MountRetired(r.ReadString())),
            MessageKind.Of<MountMoving>("MM",
                (w, m) => { w.Write(m.MountPath); w.Write(m.EndOffset); },
                r => new MountMoving(r.ReadString(), r.ReadInt64())),
            MessageKind.Of<GetNodeListeners>("GL",
                (w, m) => w.Write(m.WithEntries),
                r => new GetNodeListeners(r.ReadBoolean())),
            MessageKind.Of<NodeListeners>("NL",
                (w, m) =>
                {
                    w.Write(m.Node); w.Write(m.Name); w.WriteCounts(m.ListenersByMount); w.Write(m.BytesSent);
                    w.WriteList(m.Listeners, (w, l) =>
                    {
                        w.Write(l.Id); w.Write(l.MountPath); w.Write(l.BytesSent); w.Write(l.ConnectedSeconds); w.Write(l.Address); w.Write(l.UserAgent);
                    });
                },
                r => new NodeListeners(r.ReadString(), r.ReadString(), r.ReadCounts(), r.ReadInt64(),
                    r.ReadList(r => new ListenerEntry(r.ReadInt64(), r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadString())))),
            MessageKind.Of<KickListener>("KL",
                (w, m) => w.Write(m.Id),
                r => new KickListener(r.ReadInt64())),
            MessageKind.Of<ListenerKicked>("LK",
                (w, m) => { w.Write(m.Id); w.Write(m.Found); },
                r => new ListenerKicked(r.ReadInt64(), r.ReadBoolean())),
            MessageKind.Of<GetListenerHistory>("GH",
                (_, _) => { },
                _ => GetListenerHistory.Instance),
            MessageKind.Of<NodeListenerHistory>("LH",
                (w, m) =>
                {
                    w.Write(m.Node); w.Write(m.Name);
                    w.WriteList(m.Samples, (w, sample) => { w.Write(sample.UnixSeconds); w.Write(sample.Listeners); });
                },
                r => new NodeListenerHistory(r.ReadString(), r.ReadString(), r.ReadList(r => new ListenerSample(r.ReadInt64(), r.ReadInt32())))),
            MessageKind.Of<MoveListeners>("ML",
                (w, m) => { w.Write(m.From); w.Write(m.To); },
                r => new MoveListeners(r.ReadString(), r.ReadString())),
            MessageKind.Of<ListenersMoved>("LM",
                (w, m) => w.Write(m.Count),
                r => new ListenersMoved(r.ReadInt32())),
        ];
    }
}
