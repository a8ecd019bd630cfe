using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Listeners;
using Cycast.Actors.Streaming;
using Cycast.Shared.Protocol;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// This node's copy of one mount, wherever its entity runs: a ring, the live hub and the feed that listeners on this
/// node read, filled from the entity's writes. However many listeners the node has, the mount's audio reaches it
/// once. The ring outlives the entity: when the entity's node goes, the replica resubscribes through the shard
/// region, the entity starts again elsewhere, and this node's listeners hear its next bytes without reconnecting.
/// </summary>
public sealed class MountReplica : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private static readonly TimeSpan ResubscribeEvery = TimeSpan.FromSeconds(2);

    private readonly MountSettings _mount;
    private readonly IActorRef _region;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StreamHistory _history;
    private readonly HashSet<long> _listeners = new();
    private IActorRef _hubInput = ActorRefs.Nobody;
    private MountFeed _feed = null!;
    private IActorRef? _entity;
    private int _streamNumber;
    private MountStreamState? _state;
    // The entity's offsets plus this shift are the ring's: a moved entity starts counting from zero again.
    private long? _shift;

    private sealed record Resubscribe;

    public MountReplica(MountSettings mount, CycastSettings station, IActorRef region)
    {
        _mount = mount;
        _region = region;
        _history = new StreamHistory(station.Buffer.SizeBytes, station.Buffer.BurstSize);
        Subscribing();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(MountSettings mount, CycastSettings station, IActorRef region) =>
        Akka.Actor.Props.Create(() => new MountReplica(mount, station, region));

    protected override void PreStart()
    {
        var materializer = Context.Materializer();
        var (input, live) = Source.ActorRef<AudioChunk>(256, OverflowStrategy.DropHead)
            .ToMaterialized(BroadcastHub.Sink<AudioChunk>(bufferSize: 256), Keep.Both)
            .Run(materializer);
        _hubInput = input;
        // Listeners wait for the entity's state, so this head is only a placeholder until it comes.
        var head = new StreamHeadFields(SourceProperties.DefaultContentType, _mount.StationName, _mount.StationGenre,
            _mount.StationDescription, _mount.StationUrl, Public: false, Bitrate: null, AudioInfo: null);
        // The node's fan-out subscribes now, before any listener: a hub keeps what is published until its first
        // subscriber has registered, so no wake is lost to the subscription handshake, and from then on the fan-out
        // drains the hub whether or not anyone listens.
        _feed = new MountFeed(_mount.Path, _history.Ring, LiveFanOut.Start(_history.Ring, live, materializer), head);
        Subscribe();
    }

    protected override void PostStop() => _hubInput.Tell(PoisonPill.Instance);

    /// <summary>Until the entity has answered, new listeners wait: they should get its burst, not an empty ring.</summary>
    private void Subscribing()
    {
        ReceiveStreamMessages();
        Receive<ReplicaSubscribed>(_ =>
        {
            Timers.Cancel(nameof(Resubscribe));
            Become(Subscribed);
            Stash.UnstashAll();
        });
        Receive<Resubscribe>(_ => Subscribe());
        Receive<AttachListener>(_ => Stash.Stash());
        Receive<DetachListener>(OnDetachListener);
    }

    private void Subscribed()
    {
        ReceiveStreamMessages();
        Receive<ReplicaSubscribed>(_ => { });
        Receive<AttachListener>(OnAttachListener);
        Receive<DetachListener>(OnDetachListener);
    }

    private void ReceiveStreamMessages()
    {
        Receive<GetReplicaStatus>(_ => Sender.Tell(LastKnownStatus()));
        Receive<MountStreamState>(OnState);
        Receive<MountAudio>(OnAudio);
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_entity))
                return;
            // A node that is leaving hands its entities over and must not ask for them back: its listeners go with it.
            if (CoordinatedShutdown.Get(Context.System).ShutdownReason is not null)
            {
                Context.Stop(Self);
                return;
            }
            _log.Warning("Mount {0} lost its entity on {1}; resubscribing", _mount.Path, _entity.Path.Address);
            _entity = null;
            Become(Subscribing);
            Subscribe();
        });
    }

    /// <summary>The region buffers the request while the entity moves; the timer covers one lost with a dying node.</summary>
    private void Subscribe()
    {
        _region.Tell(new SubscribeReplica(_mount.Path, Self, _listeners.Count));
        Timers.StartPeriodicTimer(nameof(Resubscribe), new Resubscribe(), ResubscribeEvery);
    }

    private void OnState(MountStreamState state)
    {
        if (!Sender.Equals(_entity))
        {
            // A new entity: its offsets start afresh, and its stream is a new one for this ring.
            _entity = Sender;
            Context.Watch(_entity);
            _shift = null;
            _streamNumber = -1;
        }
        if (state.StreamNumber != _streamNumber)
        {
            _streamNumber = state.StreamNumber;
            _history.BeginStream();
        }
        _state = state;
        _feed.Head = state.Head;
        if (state.Title != _feed.NowPlaying.Title)
            _feed.NowPlaying = _feed.NowPlaying.With(state.Title);
        MapEarliestJoin();
    }

    private void OnAudio(MountAudio audio)
    {
        if (!Sender.Equals(_entity))
            return;
        var ring = _history.Ring;
        // A gap (a write lost on the way) or a new entity: carry on from here rather than leave a hole in the ring.
        if (audio.Offset + _shift != ring.WriteOffset)
            _shift = ring.WriteOffset - audio.Offset;
        foreach (var joinPoint in audio.JoinPoints)
            _history.AddJoinPoint(joinPoint + _shift!.Value);
        MapEarliestJoin();
        var (first, second) = ring.Append(audio.Data);
        // An element only tells listeners how far the stream now reaches (they read the bytes from the ring),
        // so after a wrap the second piece says it all.
        _hubInput.Tell(second ?? first);
    }

    private void MapEarliestJoin() =>
        _history.EarliestJoin = _state is null || _shift is null || _state.EarliestJoin == long.MaxValue
            ? long.MaxValue
            : _state.EarliestJoin + _shift.Value;

    private void OnAttachListener(AttachListener attach)
    {
        if (_mount.MaxListeners > 0 && _listeners.Count >= _mount.MaxListeners)
        {
            Sender.Tell(new ListenerRefused(_mount.Path, $"Too many listeners on {_mount.Path} (max_listeners = {_mount.MaxListeners})"));
            return;
        }
        _listeners.Add(attach.ListenerId);
        ReportListeners();
        var liveEdge = _history.Ring.WriteOffset;
        var header = _state?.StreamHeader ?? [];
        Sender.Tell(new ListenerAttached(_feed, _history.BurstStart(), liveEdge, header));
    }

    private void OnDetachListener(DetachListener detach)
    {
        if (_listeners.Remove(detach.ListenerId))
            ReportListeners();
    }

    private void ReportListeners() => _region.Tell(new ReplicaListeners(_mount.Path, Self, _listeners.Count));

    /// <summary>
    /// The mount as this node last heard it, for when its entity does not answer (it is moving off a dead node). No
    /// source is connected: none reaches this node's listeners without an entity, and a restarted entity starts
    /// without one. The bytes an entity received are its own, so none are counted here.
    /// </summary>
    private MountStatus LastKnownStatus() => new(
        _mount.Path,
        SourceConnected: false,
        PlayingFallback: false,
        _feed.NowPlaying.Title,
        _listeners.Count,
        _feed.Head,
        BytesReceived: 0,
        _history.Ring.Available,
        _history.Ring.Capacity);
}
