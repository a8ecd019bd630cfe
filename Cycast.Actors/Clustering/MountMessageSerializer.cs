using Akka.Actor;
using Akka.Serialization;
using Cycast.Actors.Messages;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Clustering;

/// <summary>
/// The wire form of every <see cref="IClusterMessage"/>: a short manifest naming the message, then its fields in
/// order. Audio goes as raw bytes.
/// </summary>
public sealed class MountMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private readonly InterNodeTraffic _traffic = InterNodeTraffic.For(system);

    public override int Identifier => 7341;

    public override string Manifest(object message) => message switch
    {
        SourceConnect => "SC",
        SourceAccepted => "SA",
        SourceRefused => "SR",
        SourceData => "SD",
        SourceDisconnect => "SX",
        SourceProgress => "SP",
        SourceStreamContext => "SK",
        SourceMoving => "SM",
        MountMoving => "MM",
        UpdateMetadata => "UM",
        MetadataUpdated => "MU",
        MetadataRefused => "MR",
        GetMountStatus => "GS",
        MountStatus => "MS",
        SubscribeReplica => "RS",
        ReplicaSubscribed => "RD",
        ReplicaListeners => "RL",
        MountAudio => "MA",
        MountStreamState => "MT",
        GetMountNodes => "GN",
        MountNodes => "MN",
        WakeMount => "WM",
        GetNodeListeners => "GL",
        NodeListeners => "NL",
        _ => throw new ArgumentException($"{message.GetType()} is not a Cycast cluster message"),
    };

    public override byte[] ToBinary(object message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
            Write(writer, message);
        var bytes = buffer.ToArray();
        _traffic.Sent(bytes.Length);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        _traffic.Received(bytes.Length);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return Read(reader, manifest);
    }

    private void Write(BinaryWriter w, object message)
    {
        switch (message)
        {
            case SourceConnect m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); WriteProperties(w, m.Properties); w.Write(m.Peer);
                w.Write(m.Resume is not null);
                if (m.Resume is { } resume)
                {
                    w.Write(resume.Position); WriteTitle(w, resume.Title); WriteBytes(w, resume.StreamHeader); w.Write(resume.Continues);
                }
                break;
            case SourceAccepted m:
                w.Write(m.MountPath); w.Write(m.Position);
                break;
            case SourceRefused m:
                w.Write(m.MountPath); w.Write(m.Reason);
                break;
            case SourceData m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); w.Write(m.Position); w.Write(m.Length); w.Write(m.Buffer, 0, m.Length);
                break;
            case SourceDisconnect m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); w.Write(m.Reason);
                break;
            case SourceProgress m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); w.Write(m.Position);
                break;
            case SourceStreamContext m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); WriteTitle(w, m.Title); WriteBytes(w, m.StreamHeader);
                break;
            case SourceMoving m:
                w.Write(m.MountPath); w.Write(m.SessionId.ToByteArray()); w.Write(m.Position);
                break;
            case MountMoving m:
                w.Write(m.MountPath); w.Write(m.EndOffset);
                break;
            case UpdateMetadata m:
                w.Write(m.MountPath); WriteTitle(w, m.Title);
                break;
            case MetadataUpdated m:
                w.Write(m.MountPath);
                break;
            case MetadataRefused m:
                w.Write(m.MountPath); w.Write(m.Reason);
                break;
            case GetMountStatus m:
                w.Write(m.MountPath);
                break;
            case MountStatus m:
                w.Write(m.MountPath); w.Write(m.SourceConnected); w.Write(m.PlayingFallback); WriteTitle(w, m.Title);
                w.Write(m.Listeners); WriteHead(w, m.Head); w.Write(m.BytesReceived); w.Write(m.BufferAvailable); w.Write(m.BufferCapacity);
                break;
            case SubscribeReplica m:
                w.Write(m.MountPath); WriteRef(w, m.Replica); w.Write(m.Listeners); w.Write(m.SourceWasLive); w.Write(m.Continues);
                break;
            case ReplicaSubscribed m:
                w.Write(m.MountPath);
                break;
            case ReplicaListeners m:
                w.Write(m.MountPath); WriteRef(w, m.Replica); w.Write(m.Listeners);
                break;
            case MountAudio m:
                w.Write(m.MountPath); w.Write(m.Offset); WriteBytes(w, m.Data);
                w.Write(m.JoinPoints.Length);
                foreach (var joinPoint in m.JoinPoints)
                    w.Write(joinPoint);
                break;
            case MountStreamState m:
                w.Write(m.MountPath); w.Write(m.StreamNumber); w.Write(m.EarliestJoin); WriteBytes(w, m.StreamHeader);
                WriteHead(w, m.Head); WriteTitle(w, m.Title); w.Write(m.SourceLive); w.Write(m.Continuation);
                break;
            case GetMountNodes m:
                w.Write(m.MountPath);
                break;
            case MountNodes m:
                w.Write(m.MountPath); w.Write(m.EntityNode); w.Write(m.ListenersByNode.Count);
                foreach (var (node, listeners) in m.ListenersByNode)
                {
                    w.Write(node); w.Write(listeners);
                }
                break;
            case WakeMount m:
                w.Write(m.MountPath);
                break;
            case GetNodeListeners m:
                w.Write(m.WithEntries);
                break;
            case NodeListeners m:
                WriteNodeListeners(w, m);
                break;
            default:
                throw new ArgumentException($"{message.GetType()} is not a Cycast cluster message");
        }
    }

    private object Read(BinaryReader r, string manifest) => manifest switch
    {
        "SC" => new SourceConnect(r.ReadString(), ReadGuid(r), ReadProperties(r), r.ReadString(),
            r.ReadBoolean() ? new SourceResume(r.ReadInt64(), ReadTitle(r), ReadBytes(r), r.ReadBoolean()) : null),
        "SA" => new SourceAccepted(r.ReadString(), r.ReadInt64()),
        "SR" => new SourceRefused(r.ReadString(), r.ReadString()),
        "SD" => ReadSourceData(r),
        "SX" => new SourceDisconnect(r.ReadString(), ReadGuid(r), r.ReadString()),
        "SP" => new SourceProgress(r.ReadString(), ReadGuid(r), r.ReadInt64()),
        "SK" => new SourceStreamContext(r.ReadString(), ReadGuid(r), ReadTitle(r), ReadBytes(r)),
        "SM" => new SourceMoving(r.ReadString(), ReadGuid(r), r.ReadInt64()),
        "MM" => new MountMoving(r.ReadString(), r.ReadInt64()),
        "UM" => new UpdateMetadata(r.ReadString(), ReadTitle(r)),
        "MU" => new MetadataUpdated(r.ReadString()),
        "MR" => new MetadataRefused(r.ReadString(), r.ReadString()),
        "GS" => new GetMountStatus(r.ReadString()),
        "MS" => new MountStatus(r.ReadString(), r.ReadBoolean(), r.ReadBoolean(), ReadTitle(r), r.ReadInt32(), ReadHead(r),
            r.ReadInt64(), r.ReadInt32(), r.ReadInt32()),
        "RS" => new SubscribeReplica(r.ReadString(), ReadRef(r), r.ReadInt32(), r.ReadBoolean(), r.ReadBoolean()),
        "RD" => new ReplicaSubscribed(r.ReadString()),
        "RL" => new ReplicaListeners(r.ReadString(), ReadRef(r), r.ReadInt32()),
        "MA" => ReadAudio(r),
        "MT" => new MountStreamState(r.ReadString(), r.ReadInt32(), r.ReadInt64(), ReadBytes(r), ReadHead(r), ReadTitle(r), r.ReadBoolean(), r.ReadBoolean()),
        "GN" => new GetMountNodes(r.ReadString()),
        "MN" => ReadNodes(r),
        "WM" => new WakeMount(r.ReadString()),
        "GL" => new GetNodeListeners(r.ReadBoolean()),
        "NL" => ReadNodeListeners(r),
        _ => throw new System.Runtime.Serialization.SerializationException($"unknown Cycast message manifest '{manifest}'"),
    };

    private static SourceData ReadSourceData(BinaryReader r)
    {
        var path = r.ReadString();
        var session = ReadGuid(r);
        var position = r.ReadInt64();
        var buffer = ReadBytes(r);
        return new SourceData(path, session, position, buffer, buffer.Length);
    }

    private MountAudio ReadAudio(BinaryReader r)
    {
        var path = r.ReadString();
        var offset = r.ReadInt64();
        var data = ReadBytes(r);
        var joinPoints = new long[r.ReadInt32()];
        for (var i = 0; i < joinPoints.Length; i++)
            joinPoints[i] = r.ReadInt64();
        _traffic.AudioReceived(data.Length);
        return new MountAudio(path, offset, data, joinPoints);
    }

    private static MountNodes ReadNodes(BinaryReader r)
    {
        var path = r.ReadString();
        var entityNode = r.ReadString();
        var listeners = new Dictionary<string, int>();
        for (var count = r.ReadInt32(); count > 0; count--)
            listeners[r.ReadString()] = r.ReadInt32();
        return new MountNodes(path, entityNode, listeners);
    }

    private static void WriteNodeListeners(BinaryWriter w, NodeListeners m)
    {
        w.Write(m.Node);
        w.Write(m.ListenersByMount.Count);
        foreach (var (mount, listeners) in m.ListenersByMount)
        {
            w.Write(mount); w.Write(listeners);
        }
        w.Write(m.BytesSent);
        w.Write(m.Listeners.Count);
        foreach (var listener in m.Listeners)
        {
            w.Write(listener.Id); w.Write(listener.MountPath); w.Write(listener.BytesSent); w.Write(listener.ConnectedSeconds);
        }
    }

    private static NodeListeners ReadNodeListeners(BinaryReader r)
    {
        var node = r.ReadString();
        var byMount = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var count = r.ReadInt32(); count > 0; count--)
            byMount[r.ReadString()] = r.ReadInt32();
        var bytesSent = r.ReadInt64();
        var listeners = new ListenerEntry[r.ReadInt32()];
        for (var i = 0; i < listeners.Length; i++)
            listeners[i] = new ListenerEntry(r.ReadInt64(), r.ReadString(), r.ReadInt64(), r.ReadInt64());
        return new NodeListeners(node, byMount, bytesSent, listeners);
    }

    private static void WriteBytes(BinaryWriter w, byte[] bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader r) => r.ReadBytes(r.ReadInt32());

    private static Guid ReadGuid(BinaryReader r) => new(r.ReadBytes(16));

    private static void WriteTitle(BinaryWriter w, TrackTitle title)
    {
        w.Write(title.Artist); w.Write(title.Title);
    }

    private static TrackTitle ReadTitle(BinaryReader r) => new(r.ReadString(), r.ReadString());

    private static void WriteProperties(BinaryWriter w, SourceProperties p)
    {
        w.Write(p.ContentType); WriteOptional(w, p.Name); WriteOptional(w, p.Genre); WriteOptional(w, p.Description);
        WriteOptional(w, p.Url); w.Write((sbyte)(p.Public switch { null => -1, false => 0, true => 1 }));
        WriteOptional(w, p.Bitrate); WriteOptional(w, p.AudioInfo);
    }

    private static SourceProperties ReadProperties(BinaryReader r) => new(r.ReadString(), ReadOptional(r), ReadOptional(r),
        ReadOptional(r), ReadOptional(r), r.ReadSByte() switch { -1 => null, 0 => false, _ => true }, ReadOptional(r), ReadOptional(r));

    private static void WriteHead(BinaryWriter w, StreamHeadFields h)
    {
        w.Write(h.ContentType); WriteOptional(w, h.Name); WriteOptional(w, h.Genre); WriteOptional(w, h.Description);
        WriteOptional(w, h.Url); w.Write(h.Public); WriteOptional(w, h.Bitrate); WriteOptional(w, h.AudioInfo);
    }

    private static StreamHeadFields ReadHead(BinaryReader r) => new(r.ReadString(), ReadOptional(r), ReadOptional(r),
        ReadOptional(r), ReadOptional(r), r.ReadBoolean(), ReadOptional(r), ReadOptional(r));

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteRef(BinaryWriter w, IActorRef actor) => w.Write(Serialization.SerializedActorPath(actor));

    private IActorRef ReadRef(BinaryReader r) => system.Provider.ResolveActorRef(r.ReadString());
}
