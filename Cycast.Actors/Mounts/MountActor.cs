using System.Buffers;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Listeners;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// One mount: the single writer of its stream. It takes bytes from at most one live source, or else from its playlist
/// player, keeps them in its ring, marks where decoders can join, and tells the live hub how far the stream reaches.
/// Listeners read the ring themselves, so the actor does no per-listener work for audio, and a switch between source
/// and playlist is just the next bytes in the ring: nobody is disconnected.
/// </summary>
public sealed class MountActor : ReceiveActor
{
    /// <summary>Enough join points to cover any burst: an MP3 frame is never shorter than ~100 bytes.</summary>
    private const int JoinPointCapacity = 8192;

    private readonly MountSettings _mount;
    private readonly CycastSettings _station;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AudioRing _ring;
    private readonly JoinPointIndex _joinPoints = new(JoinPointCapacity);
    private readonly List<long> _scanned = new();
    private readonly HashSet<long> _listeners = new();
    private IActorRef _hubInput = ActorRefs.Nobody;
    private MountFeed _feed = null!;
    private LiveSource? _source;
    private IncomingStream? _incoming;
    private long? _latestJoinPoint;
    private IActorRef? _player;
    private int _playerRuns;
    private TrackFormat? _format;
    private int _sourceTagsVersion;
    private long _bytesReceived;

    private sealed record LiveSource(Guid SessionId, SourceProperties Properties, string Peer);

    public MountActor(MountSettings mount, CycastSettings station)
    {
        _mount = mount;
        _station = station;
        _ring = new AudioRing(station.Buffer.SizeBytes);

        Receive<SourceConnect>(OnSourceConnect);
        Receive<SourceData>(OnSourceData);
        Receive<SourceDisconnect>(OnSourceDisconnect);
        Receive<UpdateMetadata>(OnUpdateMetadata);
        Receive<FallbackTrackStarted>(OnFallbackTrackStarted);
        Receive<FallbackAudio>(audio =>
        {
            if (Sender.Equals(_player))
                Write(audio.Audio.Span);
        });
        Receive<AttachListener>(OnAttachListener);
        Receive<DetachListener>(message =>
        {
            _listeners.Remove(message.ListenerId);
        });
        Receive<GetMountStatus>(_ => Sender.Tell(Status()));
    }

    public static Props Props(MountSettings mount, CycastSettings station) =>
        Akka.Actor.Props.Create(() => new MountActor(mount, station));

    protected override void PreStart()
    {
        var (input, live) = Source.ActorRef<AudioChunk>(256, OverflowStrategy.DropHead)
            .ToMaterialized(BroadcastHub.Sink<AudioChunk>(bufferSize: 256), Keep.Both)
            .Run(Context.Materializer());
        _hubInput = input;
        // The node's fan-out subscribes now, before any listener: a hub keeps what is published until its first
        // subscriber has registered, so no wake is lost to the subscription handshake, and from then on the fan-out
        // drains the hub whether or not anyone listens.
        _feed = new MountFeed(_mount.Path, _ring, LiveFanOut.Start(_ring, live, Context.Materializer()), StationHead());
        StartPlaylist();
    }

    protected override void PostStop() => _hubInput.Tell(PoisonPill.Instance);

    private void OnSourceConnect(SourceConnect connect)
    {
        if (_source is not null)
        {
            _log.Warning("Refused source for {0} from {1}: mount already has a live source from {2}", _mount.Path, connect.Peer, _source.Peer);
            Sender.Tell(new SourceRefused(_mount.Path, "Mountpoint in use"));
            return;
        }
        var properties = connect.Properties;
        StopPlaylist();
        _source = new LiveSource(connect.SessionId, properties, connect.Peer);
        _format = TrackFormats.FromContentType(properties.ContentType) ?? _format;
        BeginStream(ScannerFor(properties.ContentType));
        _sourceTagsVersion = 0;
        _feed.Head = SourceHead(properties);
        // The playlist's title is not the encoder's: until it says otherwise, there is none.
        SetTitle(TrackTitle.None);
        _log.Info("Source connected to {0} from {1} ({2})", _mount.Path, connect.Peer, properties.ContentType);
        Sender.Tell(new SourceAccepted(_mount.Path));
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: true));
    }

    private void OnSourceData(SourceData data)
    {
        try
        {
            if (_source is null || _source.SessionId != data.SessionId)
                return;
            Write(data.Buffer.AsSpan(0, data.Length));
            _bytesReceived += data.Length;
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
        _feed.Head = StationHead();
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: false));
        StartPlaylist();
    }

    private void StartPlaylist()
    {
        var playlist = _station.Playlist;
        var library = new PlaylistLibrary(_mount.PlaylistDirectory, playlist.Shuffle, playlist.Extensions);
        // A fresh name each time: the previous player's name is not free until it has fully stopped.
        _player = Context.ActorOf(PlaylistPlayer.Props(_mount.Path, library, _format, Self, TimeProvider.System), $"playlist-{++_playerRuns}");
    }

    /// <summary>Stops the player between two of its messages, so the ring ends on a whole frame or page; any still queued are ignored.</summary>
    private void StopPlaylist()
    {
        if (_player is null)
            return;
        Context.Stop(_player);
        _player = null;
    }

    private void OnFallbackTrackStarted(FallbackTrackStarted track)
    {
        if (!Sender.Equals(_player))
            return;
        if (_incoming is null)
        {
            _format = track.Format;
            BeginStream(ScannerFor(track.Format.ContentType()));
            _feed.Head = StationHead();
            Context.System.EventStream.Publish(new MountFallbackStarted(_mount.Path, track.Format));
        }
        SetTitle(track.Title);
    }

    /// <summary>A new stream is one a listener may join only from its own first join point on.</summary>
    private void BeginStream(IJoinPointScanner? scanner)
    {
        _incoming = new IncomingStream(scanner);
        _joinPoints.Clear();
        _latestJoinPoint = null;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _scanned.Clear();
        var audio = _incoming!.Accept(bytes, _ring.WriteOffset, _scanned);
        foreach (var joinPoint in _scanned)
            _joinPoints.Add(joinPoint);
        if (_scanned.Count > 0)
            _latestJoinPoint = _scanned[^1];
        if (audio.IsEmpty)
            return;
        var (first, second) = _ring.Append(audio);
        // An element only tells listeners how far the stream now reaches (they read the bytes from the ring),
        // so after a wrap the second piece says it all.
        _hubInput.Tell(second ?? first);
    }

    private void SetTitle(TrackTitle title)
    {
        if (title == _feed.NowPlaying.Title)
            return;
        _feed.NowPlaying = _feed.NowPlaying.With(title);
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

    private void OnAttachListener(AttachListener attach)
    {
        if (_mount.MaxListeners > 0 && _listeners.Count >= _mount.MaxListeners)
        {
            Sender.Tell(new ListenerRefused(_mount.Path, $"Too many listeners on {_mount.Path} (max_listeners = {_mount.MaxListeners})"));
            return;
        }
        _listeners.Add(attach.ListenerId);
        var liveEdge = _ring.WriteOffset;
        var header = _incoming?.Scanner?.StreamHeader ?? ReadOnlyMemory<byte>.Empty;
        Sender.Tell(new ListenerAttached(_feed, Math.Min(BurstStart(liveEdge), liveEdge), liveEdge, header));
    }

    /// <summary>
    /// The first join point of the burst; failing one, the latest join point, since starting mid-frame (or, for Ogg,
    /// mid-page) costs a decoder more than a few bytes of extra burst. Only the current stream counts: the ring's
    /// older bytes belong to a stream that has ended, and an Ogg listener must not start before its header applies.
    /// </summary>
    private long BurstStart(long liveEdge)
    {
        if (_incoming is null)
            return liveEdge;
        var earliest = Math.Max(_incoming.EarliestJoin, _ring.OldestOffset);
        return _joinPoints.FirstAtOrAfter(Math.Max(earliest, liveEdge - _station.Buffer.BurstSize))
            ?? (_latestJoinPoint >= earliest ? _latestJoinPoint.Value : liveEdge);
    }


    private MountStatus Status() => new(
        _mount.Path,
        SourceConnected: _source is not null,
        PlayingFallback: _source is null && _incoming is not null,
        _feed.NowPlaying.Title,
        _listeners.Count,
        _feed.Head,
        _bytesReceived,
        _ring.Available,
        _ring.Capacity);

    private static IJoinPointScanner? ScannerFor(string contentType) =>
        MediaTypes.IsOgg(contentType) ? new OggPageScanner()
        : MediaTypes.IsMp3(contentType) ? new Mp3FrameScanner()
        : null;

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
