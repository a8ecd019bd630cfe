using System.Buffers;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// One mount, the sharded entity of its path: the single writer of its stream, wherever in the cluster it runs. It
/// takes bytes from at most one live source, or else from its playlist player, keeps them with their join points,
/// and sends each write once to every node's replica (<see cref="MountReplica"/>), which is what listeners read. A
/// switch between source and playlist is just the next bytes of the stream: nobody is disconnected.
/// </summary>
public sealed class MountActor : ReceiveActor
{
    private readonly MountSettings _mount;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StreamHistory _history;
    private readonly PlaylistFallback _playlist;
    private readonly Dictionary<IActorRef, int> _replicas = new();
    private LiveSource? _source;
    private IncomingStream? _incoming;
    private MountStreamState _state;
    private TrackFormat? _format;
    private int _sourceTagsVersion;
    private long _bytesReceived;

    private sealed record LiveSource(Guid SessionId, SourceProperties Properties, string Peer);

    public MountActor(MountSettings mount, CycastSettings station)
    {
        _mount = mount;
        _history = new StreamHistory(station.Buffer.SizeBytes, station.Buffer.BurstSize);
        _playlist = new PlaylistFallback(mount, station.Playlist);
        _state = new MountStreamState(mount.Path, 0, long.MaxValue, [], StationHead(), TrackTitle.None);

        Receive<SourceConnect>(OnSourceConnect);
        Receive<SourceData>(OnSourceData);
        Receive<SourceDisconnect>(OnSourceDisconnect);
        Receive<UpdateMetadata>(OnUpdateMetadata);
        Receive<FallbackTrackStarted>(OnFallbackTrackStarted);
        Receive<FallbackAudio>(audio =>
        {
            if (_playlist.IsFrom(Sender))
                Write(audio.Audio.Span);
        });
        Receive<SubscribeReplica>(OnSubscribeReplica);
        Receive<ReplicaListeners>(message =>
        {
            if (_replicas.ContainsKey(message.Replica))
                _replicas[message.Replica] = message.Listeners;
        });
        Receive<Terminated>(terminated => _replicas.Remove(terminated.ActorRef));
        Receive<GetMountStatus>(_ => Sender.Tell(Status()));
        Receive<GetMountNodes>(_ => Sender.Tell(Nodes()));
        Receive<WakeMount>(_ => { });
    }

    public static Props Props(MountSettings mount, CycastSettings station) =>
        Akka.Actor.Props.Create(() => new MountActor(mount, station));

    protected override void PreStart()
    {
        _log.Info("Mount {0} runs on {1}", _mount.Path, Cluster.Get(Context.System).SelfAddress);
        _playlist.Start(Context, _format);
    }

    private void OnSourceConnect(SourceConnect connect)
    {
        if (_source is not null)
        {
            _log.Warning("Refused source for {0} from {1}: mount already has a live source from {2}", _mount.Path, connect.Peer, _source.Peer);
            Sender.Tell(new SourceRefused(_mount.Path, "Mountpoint in use"));
            return;
        }
        var properties = connect.Properties;
        _playlist.Stop(Context);
        _source = new LiveSource(connect.SessionId, properties, connect.Peer);
        _format = TrackFormats.FromContentType(properties.ContentType) ?? _format;
        BeginStream(properties.ContentType);
        _sourceTagsVersion = 0;
        // The playlist's title is not the encoder's: until it says otherwise, there is none.
        SetTitle(TrackTitle.None);
        Announce(_state with { Head = SourceHead(properties) });
        _log.Info("Source connected to {0} from {1} ({2})", _mount.Path, connect.Peer, properties.ContentType);
        Sender.Tell(new SourceAccepted(_mount.Path));
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: true));
    }

    private void OnSourceData(SourceData data)
    {
        try
        {
            if (_source is null || _source.SessionId != data.SessionId)
            {
                // Only an encoder whose mount restarted elsewhere sends bytes for a session this entity never
                // accepted: tell its connection, which then closes, and the encoder reconnects here.
                if (_source?.SessionId != data.SessionId && !Sender.IsNobody())
                    Sender.Tell(new SourceRefused(_mount.Path, "the mount restarted and no longer knows this source"));
                return;
            }
            _bytesReceived += data.Length;
            Write(data.Buffer.AsSpan(0, data.Length));
            // A live Ogg stream names its tracks in its Vorbis comments (or OpusTags), not through admin/metadata.
            if (_incoming?.Scanner is OggPageScanner ogg && ogg.TagsVersion != _sourceTagsVersion)
            {
                _sourceTagsVersion = ogg.TagsVersion;
                if (TagTitle.From(ogg.CurrentTags) is { } title)
                    SetTitle(title);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data.Buffer);
        }
    }

    private void OnSourceDisconnect(SourceDisconnect disconnect)
    {
        if (_source is null || _source.SessionId != disconnect.SessionId)
            return;
        _log.Info("Source for {0} from {1} disconnected: {2}", _mount.Path, _source.Peer, disconnect.Reason);
        _source = null;
        _incoming = null;
        Announce(_state with { Head = StationHead() });
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: false));
        _playlist.Start(Context, _format);
    }

    private void OnFallbackTrackStarted(FallbackTrackStarted track)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        if (_incoming is null)
        {
            _format = track.Format;
            BeginStream(track.Format.ContentType());
            Announce(_state with { Head = StationHead() });
            Context.System.EventStream.Publish(new MountFallbackStarted(_mount.Path, track.Format));
        }
        SetTitle(track.Title);
    }

    /// <summary>A new stream is one a listener may join only from its own first join point on.</summary>
    private void BeginStream(string contentType)
    {
        _incoming = IncomingStream.Begin(_history, contentType);
        Announce(_state with { StreamNumber = _state.StreamNumber + 1, EarliestJoin = long.MaxValue, StreamHeader = [] });
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var offset = _history.Ring.WriteOffset;
        var audio = _incoming!.Accept(bytes);
        AnnounceStreamChanges();
        if (audio.IsEmpty)
            return;
        _history.Ring.Append(audio);
        // One array for every replica: it is never written again, and a remote replica gets its own copy anyway.
        var write = new MountAudio(_mount.Path, offset, audio.ToArray(), [.. _incoming.JoinPoints]);
        foreach (var replica in _replicas.Keys)
            replica.Tell(write);
    }

    /// <summary>Replicas learn of a new join limit or codec header (an Ogg stream's first pages) as soon as the stream reveals them.</summary>
    private void AnnounceStreamChanges()
    {
        var header = _incoming?.StreamHeader ?? ReadOnlyMemory<byte>.Empty;
        if (_state.EarliestJoin != _history.EarliestJoin || !header.Span.SequenceEqual(_state.StreamHeader))
            Announce(_state with { EarliestJoin = _history.EarliestJoin, StreamHeader = header.ToArray() });
    }

    private void Announce(MountStreamState state)
    {
        if (state == _state)
            return;
        _state = state;
        foreach (var replica in _replicas.Keys)
            replica.Tell(state);
    }

    private void SetTitle(TrackTitle title)
    {
        if (title == _state.Title)
            return;
        Announce(_state with { Title = title });
        Context.System.EventStream.Publish(new MountTitleChanged(_mount.Path, title));
    }

    private void OnUpdateMetadata(UpdateMetadata update)
    {
        if (_source is null)
        {
            Sender.Tell(new MetadataRefused(_mount.Path, "Source does not exist"));
            return;
        }
        SetTitle(update.Title);
        _log.Info("Metadata for {0}: {1}", _mount.Path, update.Title.StreamTitle);
        Sender.Tell(new MetadataUpdated(_mount.Path));
    }

    /// <summary>A replica gets the state, then its burst, so its first listener starts like any other.</summary>
    private void OnSubscribeReplica(SubscribeReplica subscribe)
    {
        var replica = subscribe.Replica;
        if (!_replicas.ContainsKey(replica))
        {
            Context.Watch(replica);
            replica.Tell(_state);
            var ring = _history.Ring;
            var burstStart = _history.BurstStart();
            if (burstStart < ring.WriteOffset)
                replica.Tell(new MountAudio(_mount.Path, burstStart, Burst(burstStart, ring.WriteOffset), [burstStart]));
            _log.Info("Replica {0} subscribed to {1}", replica.Path, _mount.Path);
        }
        _replicas[replica] = subscribe.Listeners;
        replica.Tell(new ReplicaSubscribed(_mount.Path));
    }

    private byte[] Burst(long from, long to)
    {
        var burst = new byte[to - from];
        for (var copied = 0; copied < burst.Length;)
        {
            var piece = _history.Ring.Read(from + copied, to);
            piece.Span.CopyTo(burst.AsSpan(copied));
            copied += piece.Length;
        }
        return burst;
    }

    private MountStatus Status() => new(
        _mount.Path,
        SourceConnected: _source is not null,
        PlayingFallback: _source is null && _incoming is not null,
        _state.Title,
        _replicas.Values.Sum(),
        _state.Head,
        _bytesReceived,
        _history.Ring.Available,
        _history.Ring.Capacity);

    private MountNodes Nodes() => new(
        _mount.Path,
        Cluster.Get(Context.System).SelfAddress.ToString(),
        _replicas.GroupBy(replica => replica.Key.Path.Address.HasGlobalScope ? replica.Key.Path.Address : Cluster.Get(Context.System).SelfAddress)
            .ToDictionary(node => node.Key.ToString(), node => node.Sum(replica => replica.Value)));

    /// <summary>The mount's own head, for the playlist: in the format the mount streams (MP3 until known otherwise).</summary>
    private StreamHeadFields StationHead() => new(
        (_format ?? TrackFormat.Mp3).ContentType(),
        _mount.StationName,
        _mount.StationGenre,
        _mount.StationDescription,
        _mount.StationUrl,
        Public: false,
        Bitrate: null,
        AudioInfo: null);

    private StreamHeadFields SourceHead(SourceProperties source)
    {
        var station = StationHead();
        return new StreamHeadFields(
            source.ContentType,
            source.Name ?? station.Name,
            source.Genre ?? station.Genre,
            source.Description ?? station.Description,
            source.Url ?? station.Url,
            source.Public ?? station.Public,
            source.Bitrate,
            source.AudioInfo);
    }
}
