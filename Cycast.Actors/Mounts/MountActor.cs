using System.Buffers;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// One mount: the single writer of its stream. It takes bytes from at most one live source, keeps them in its ring,
/// marks where decoders can join, and tells the live hub how far the stream reaches. Listeners read the ring
/// themselves, so the actor does no per-listener work for audio.
/// </summary>
public sealed class MountActor : ReceiveActor, IWithTimers
{
    /// <summary>How often the live edge is repeated on the hub while a new listener's subscription is settling.</summary>
    private static readonly TimeSpan EdgeRepeat = TimeSpan.FromMilliseconds(50);

    /// <summary>Enough join points to cover any burst: an MP3 frame is never shorter than ~100 bytes.</summary>
    private const int JoinPointCapacity = 8192;

    private readonly MountSettings _mount;
    private readonly CycastSettings _station;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AudioRing _ring;
    private readonly JoinPointIndex _joinPoints = new(JoinPointCapacity);
    private readonly List<long> _scanned = new();
    private readonly HashSet<long> _listeners = new();
    private readonly HashSet<long> _settling = new();
    private IActorRef _hubInput = ActorRefs.Nobody;
    private MountFeed _feed = null!;
    private LiveSource? _source;
    private long _bytesReceived;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RepeatEdge
    {
        public static readonly RepeatEdge Instance = new();
    }

    private sealed record LiveSource(Guid SessionId, SourceProperties Properties, IJoinPointScanner? Scanner, string Peer);

    public MountActor(MountSettings mount, CycastSettings station)
    {
        _mount = mount;
        _station = station;
        _ring = new AudioRing(station.Buffer.SizeBytes);

        Receive<SourceConnect>(OnSourceConnect);
        Receive<SourceData>(OnSourceData);
        Receive<SourceDisconnect>(OnSourceDisconnect);
        Receive<UpdateMetadata>(OnUpdateMetadata);
        Receive<AttachListener>(OnAttachListener);
        Receive<DetachListener>(message =>
        {
            _listeners.Remove(message.ListenerId);
            _settling.Remove(message.ListenerId);
        });
        Receive<ListenerLive>(message => _settling.Remove(message.ListenerId));
        Receive<RepeatEdge>(_ => OnRepeatEdge());
        Receive<GetMountStatus>(_ => Sender.Tell(Status()));
    }

    public static Props Props(MountSettings mount, CycastSettings station) =>
        Akka.Actor.Props.Create(() => new MountActor(mount, station));

    protected override void PreStart()
    {
        // The hub drains into Sink.Ignore as well, so it never waits for a listener: a mount with none keeps flowing.
        var (input, live) = Source.ActorRef<AudioChunk>(256, OverflowStrategy.DropHead)
            .ToMaterialized(BroadcastHub.Sink<AudioChunk>(bufferSize: 256), Keep.Both)
            .Run(Context.Materializer());
        live.RunWith(Sink.Ignore<AudioChunk>(), Context.Materializer());
        _hubInput = input;
        _feed = new MountFeed(_mount.Path, _ring, live, StationHead());
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
        _source = new LiveSource(connect.SessionId, properties, ScannerFor(properties), connect.Peer);
        // A new source is a new stream: its first bytes are the next place anyone may join.
        _joinPoints.Clear();
        _feed.Head = SourceHead(properties);
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
            var bytes = data.Buffer.AsSpan(0, data.Length);
            var offset = _ring.WriteOffset;
            if (_source.Scanner is { } scanner)
            {
                _scanned.Clear();
                scanner.Feed(bytes, offset, _scanned);
                foreach (var joinPoint in _scanned)
                    _joinPoints.Add(joinPoint);
            }
            else
            {
                _joinPoints.Add(offset);
            }
            var (first, second) = _ring.Append(bytes);
            // An element only tells listeners how far the stream now reaches (they read the bytes from the ring),
            // so after a wrap the second piece says it all.
            _hubInput.Tell(second ?? first);
            _bytesReceived += data.Length;
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
        _feed.Head = StationHead();
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: false));
    }

    private void OnUpdateMetadata(UpdateMetadata update)
    {
        if (_source is null)
        {
            Sender.Tell(new MetadataRefused(_mount.Path, "Source does not exist"));
            return;
        }
        _feed.NowPlaying = _feed.NowPlaying.With(update.Title);
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
        _settling.Add(attach.ListenerId);
        if (!Timers.IsTimerActive(RepeatEdge.Instance))
            Timers.StartSingleTimer(RepeatEdge.Instance, RepeatEdge.Instance, EdgeRepeat);
        var liveEdge = _ring.WriteOffset;
        // Burst only live audio: after a source has gone, the ring's tail belongs to a stream that has ended.
        var burstStart = _source is null
            ? liveEdge
            : _joinPoints.FirstAtOrAfter(Math.Max(_ring.OldestOffset, liveEdge - _station.Buffer.BurstSize)) ?? liveEdge;
        var header = _source?.Scanner?.StreamHeader ?? ReadOnlyMemory<byte>.Empty;
        Sender.Tell(new ListenerAttached(_feed, Math.Min(burstStart, liveEdge), liveEdge, header));
    }

    private void OnRepeatEdge()
    {
        if (_settling.Count == 0)
            return;
        _hubInput.Tell(new AudioChunk(_ring.WriteOffset, ReadOnlyMemory<byte>.Empty));
        Timers.StartSingleTimer(RepeatEdge.Instance, RepeatEdge.Instance, EdgeRepeat);
    }

    private MountStatus Status() => new(
        _mount.Path,
        SourceConnected: _source is not null,
        _feed.NowPlaying.Title,
        _listeners.Count,
        _feed.Head,
        _bytesReceived,
        _ring.Available,
        _ring.Capacity);

    private static IJoinPointScanner? ScannerFor(SourceProperties properties) =>
        MediaTypes.IsOgg(properties.ContentType) ? new OggPageScanner()
        : MediaTypes.IsMp3(properties.ContentType) ? new Mp3FrameScanner()
        : null;

    private StreamHeadFields StationHead() => new(
        SourceProperties.DefaultContentType,
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
