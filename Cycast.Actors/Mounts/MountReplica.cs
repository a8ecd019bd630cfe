using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Delivery;
using Cycast.Actors.Messages;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// This node's copy of one mount, wherever its entity runs: a ring, the live hub and the feed that listeners on this
/// node read, filled from the entity's writes. However many listeners the node has, the mount's audio reaches it
/// once. The ring outlives the entity: when the entity's node goes, the replica resubscribes through the shard
/// region, the entity starts again elsewhere, and this node's listeners hear its next bytes without reconnecting.
/// Until then they hear this node's own copy of the mount's playlist, played into the ring by the replica itself.
/// An entity that hands over cleanly (its node leaves) says where its stream ended; when the next entity carries that
/// stream on (its live source followed it), the ring carries on byte for byte and listeners hear no seam.
/// </summary>
public sealed class MountReplica : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    /// <summary>A subscription can be lost on its way (to a region just stopping, or a node that died): it is sent again this often.</summary>
    private static readonly TimeSpan ResubscribeEvery = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long listeners may hear nothing while the mount hands over before this node's playlist fills in. A hand-over
    /// takes a fraction of this; the playlist is for one that does not complete.
    /// </summary>
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromMilliseconds(700);

    private readonly MountSettings _mount;
    private readonly IActorRef _region;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StreamHistory _history;
    private readonly PlaylistFallback _playlist;
    private readonly HashSet<long> _listeners = new();
    private IActorRef _hubInput = ActorRefs.Nobody;
    private MountFeed _feed = null!;
    private IActorRef? _entity;
    private int _streamNumber;
    private MountStreamState? _state;
    // The entity's offsets plus this shift are the ring's: a moved entity starts counting from zero again. Null while
    // the ring does not carry on the entity's stream (a new entity, or this node's playlist meanwhile).
    private long? _shift;
    // This node's playlist in the ring, from its first track until the entity is heard again.
    private IncomingStream? _local;
    private long _localSince;
    // The entity's writes while the ring waits to take its stream up at a join point.
    private readonly List<MountAudio> _waiting = new();
    // The entity's offset from which the ring carries its stream: join points before it are not in the ring.
    private long _takenUpAt;
    // While the mount hands over: the ring's write offset where the previous entity's stream ended, if the ring holds
    // all of it (and nothing since), so that a continuing stream can be appended right there.
    private long? _handOverAt;
    // Where newcomers could join the ring's stream before a moved mount carried it on; null for any other stream.
    private long? _carriedEarliestJoin;

    private sealed record Resubscribe;

    private sealed record HandOverOverdue;

    public MountReplica(MountSettings mount, CycastSettings station, IActorRef region)
    {
        _mount = mount;
        _region = region;
        _history = new StreamHistory(station.Buffer.SizeBytes, station.Buffer.BurstSize);
        _playlist = new PlaylistFallback(mount, station.Playlist);
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
        // Death watch reports a killed node's entity only once the node is downed, seconds after the connection to it
        // broke: either of these says sooner that the entity's writes have stopped coming.
        Context.System.EventStream.Subscribe<DisassociatedEvent>(Self);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
        Subscribe();
    }

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _hubInput.Tell(PoisonPill.Instance);
    }

    /// <summary>
    /// Until the entity has answered, new listeners wait: they should get its burst, not an empty ring. Those who come
    /// while this node's playlist plays join that.
    /// </summary>
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
        Receive<AttachListener>(attach =>
        {
            // A ring with this node's playlist, or with the stream a moving mount left, has what a newcomer needs.
            if (_local is null && _handOverAt is null)
                Stash.Stash();
            else
                OnAttachListener(attach);
        });
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
        Receive<FallbackTrackStarted>(OnLocalTrackStarted);
        Receive<FallbackAudio>(OnLocalAudio);
        Receive<MountMoving>(OnMountMoving);
        Receive<HandOverOverdue>(_ =>
        {
            _handOverAt = null;
            _log.Warning("Mount {0} did not hand over within {1} ms", _mount.Path, HandOverPatience.TotalMilliseconds);
            PlayLocally();
        });
        Receive<DisassociatedEvent>(lost => OnEntityOutOfReach(lost.RemoteAddress));
        Receive<ClusterEvent.UnreachableMember>(unreachable => OnEntityOutOfReach(unreachable.Member.Address));
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(_entity))
                return;
            // A node that is leaving hands its entities over and must not ask for them back: its listeners go with it.
            if (IsShuttingDown)
            {
                Context.Stop(Self);
                return;
            }
            _log.Warning("Mount {0} lost its entity on {1}; resubscribing", _mount.Path, _entity.Path.Address);
            _entity = null;
            Become(Subscribing);
            Subscribe();
            PlayLocally();
        });
    }

    private bool IsShuttingDown => CoordinatedShutdown.Get(Context.System).ShutdownReason is not null;

    /// <summary>The region buffers the request while the entity moves; the timer covers one lost with a dying node.</summary>
    private void Subscribe()
    {
        _region.Tell(new SubscribeReplica(_mount.Path, Self, _listeners.Count, SourceWasLive: _state?.SourceLive == true,
            Continues: _handOverAt == _history.Ring.WriteOffset));
        Timers.StartPeriodicTimer(nameof(Resubscribe), new Resubscribe(), ResubscribeEvery);
    }

    /// <summary>
    /// The entity hands the mount over (its node is leaving). The regions already hold messages for the mount until it
    /// runs on its next node, so resubscribing now gets there first. The ring waits for the next entity's stream,
    /// without this node's playlist unless the hand-over takes too long.
    /// </summary>
    private void OnMountMoving(MountMoving moving)
    {
        if (!Sender.Equals(_entity) || IsShuttingDown)
            return;
        _handOverAt = _shift is { } shift && moving.EndOffset + shift == _history.Ring.WriteOffset && _local is null
            ? _history.Ring.WriteOffset
            : null;
        Context.Unwatch(_entity);
        _entity = null;
        Become(Subscribing);
        Subscribe();
        Timers.StartSingleTimer(nameof(HandOverOverdue), new HandOverOverdue(), HandOverPatience);
    }

    private void OnEntityOutOfReach(Address address)
    {
        if (_entity is not null && _entity.Path.Address.Equals(address))
            PlayLocally();
    }

    /// <summary>
    /// Fills the ring from this node's copy of the playlist until the entity is heard from again (every node has the
    /// same music). A mount without playable files stays silent, as it would on the entity.
    /// </summary>
    private void PlayLocally()
    {
        _handOverAt = null;
        if (_playlist.IsPlaying || IsShuttingDown)
            return;
        _shift = null;
        _waiting.Clear();
        _playlist.Start(Context, ContainerFormats.FromContentType(_feed.Head.ContentType));
    }

    private void OnLocalTrackStarted(FallbackTrackStarted track)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        if (_local is null)
        {
            _local = IncomingStream.Begin(_history, track.Format.ContentType());
            _localSince = Stopwatch.GetTimestamp();
            _log.Info("Mount {0} plays this node's playlist until it hears from its entity again", _mount.Path);
        }
        ShowTitle(track.Title);
    }

    private void OnLocalAudio(FallbackAudio audio)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        var written = _local!.Accept(audio.Audio.Span);
        if (!written.IsEmpty)
            Append(written);
    }

    private void OnState(MountStreamState state)
    {
        if (!Sender.Equals(_entity))
        {
            // A new entity: its offsets start afresh, and its stream is a new one for this ring, unless it carries on
            // the stream the ring holds to its very end.
            _entity = Sender;
            Context.Watch(_entity);
            _waiting.Clear();
            if (state.Continuation && _handOverAt == _history.Ring.WriteOffset)
            {
                CarryOn(state);
            }
            else
            {
                _shift = null;
                _carriedEarliestJoin = null;
            }
            _handOverAt = null;
            Timers.Cancel(nameof(HandOverOverdue));
        }
        _state = state;
        _feed.Head = state.Head;
        // Until the ring takes the entity's stream up, what it holds (this node's playlist, say) is not the entity's.
        if (_shift is null)
            return;
        if (state.StreamNumber != _streamNumber)
        {
            _streamNumber = state.StreamNumber;
            _history.BeginStream();
            _carriedEarliestJoin = null;
        }
        ShowTitle(state.Title);
        MapEarliestJoin();
    }

    private void OnAudio(MountAudio audio)
    {
        if (!Sender.Equals(_entity))
            return;
        if (_shift is null)
            AwaitJoinPoint(audio);
        else
            Take(audio.Offset, audio.Data, audio.JoinPoints);
    }

    /// <summary>
    /// Holds the entity's writes until one names a join point among them, then takes its stream up there. A scanner
    /// confirms a page or frame only once it has all of it, so the join point usually lies in an earlier write.
    /// </summary>
    private void AwaitJoinPoint(MountAudio audio)
    {
        if (_waiting.Count > 0 && _waiting[^1].Offset + _waiting[^1].Data.Length != audio.Offset)
            _waiting.Clear();
        _waiting.Add(audio);
        var joinPoint = audio.JoinPoints.Where(point => point >= _waiting[0].Offset).DefaultIfEmpty(-1).First();
        if (joinPoint < 0)
        {
            // A stream with no join point for this long is not one to take up: keep only its newest writes.
            while (_waiting.Sum(write => write.Data.Length) > _history.Ring.Capacity / 4)
                _waiting.RemoveAt(0);
            return;
        }
        _shift = TakeUpEntityStream(joinPoint);
        foreach (var write in _waiting.Where(write => write.Offset + write.Data.Length > joinPoint))
        {
            var from = Math.Max(write.Offset, joinPoint);
            Take(from, write.Data.AsSpan((int)(from - write.Offset)), write.JoinPoints);
        }
        _waiting.Clear();
    }

    /// <summary>Writes the entity's bytes from its offset <paramref name="offset"/> into the ring, with their join points.</summary>
    private void Take(long offset, ReadOnlySpan<byte> data, long[] joinPoints)
    {
        // A gap (a write lost on the way): carry on from here rather than leave a hole in the ring.
        if (offset + _shift != _history.Ring.WriteOffset)
        {
            _shift = _history.Ring.WriteOffset - offset;
            _takenUpAt = offset;
        }
        foreach (var joinPoint in joinPoints)
        {
            if (joinPoint >= _takenUpAt)
                _history.AddJoinPoint(joinPoint + _shift!.Value);
        }
        MapEarliestJoin();
        Append(data);
    }

    /// <summary>
    /// The ring takes the entity's stream up where a new listener would: at a join point, after the codec header when
    /// the stream's own is already behind it, so that this node's listeners hear one decodable stream. This node's
    /// playlist plays until then rather than leave them in silence while the entity has nothing to send yet.
    /// Returns the shift from the entity's offsets to the ring's.
    /// </summary>
    private long TakeUpEntityStream(long joinPoint)
    {
        StopPlayingLocally();
        var state = _state!;
        _streamNumber = state.StreamNumber;
        _history.BeginStream();
        _carriedEarliestJoin = null;
        if (state.StreamHeader.Length > 0 && joinPoint >= state.EarliestJoin)
            Append(state.StreamHeader);
        ShowTitle(state.Title);
        _takenUpAt = joinPoint;
        return _history.Ring.WriteOffset - joinPoint;
    }

    /// <summary>The new entity's offset 0 is the ring's write offset: the stream goes on as if the mount had never moved.</summary>
    private void CarryOn(MountStreamState state)
    {
        _shift = _history.Ring.WriteOffset;
        _carriedEarliestJoin = _history.EarliestJoin;
        _takenUpAt = 0;
        _streamNumber = state.StreamNumber;
        _log.Info("Mount {0} carries on its stream from its entity on {1}", _mount.Path, Sender.Path.Address);
    }

    /// <summary>Stops this node's playlist between two of its writes, so its last frame or page in the ring is whole.</summary>
    private void StopPlayingLocally()
    {
        _playlist.Stop(Context);
        if (_local is null)
            return;
        _local = null;
        _log.Info("Mount {0} is back on its entity's stream after {1:0.0} s of this node's playlist", _mount.Path, Stopwatch.GetElapsedTime(_localSince).TotalSeconds);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        var (first, second) = _history.Ring.Append(data);
        // An element only tells listeners how far the stream now reaches (they read the bytes from the ring),
        // so after a wrap the second piece says it all.
        _hubInput.Tell(second ?? first);
    }

    private void ShowTitle(TrackTitle title)
    {
        if (title != _feed.NowPlaying.Title)
            _feed.NowPlaying = _feed.NowPlaying.With(title);
    }

    private void MapEarliestJoin()
    {
        var mapped = _state is null || _shift is null || _state.EarliestJoin == long.MaxValue
            ? long.MaxValue
            : _state.EarliestJoin + _shift.Value;
        // A stream carried on from a moved mount is still the stream the ring held: newcomers may join it where they could before.
        _history.EarliestJoin = Math.Min(mapped, _carriedEarliestJoin ?? long.MaxValue);
    }

    private void OnAttachListener(AttachListener attach)
    {
        if (_mount.MaxListeners > 0 && _listeners.Count >= _mount.MaxListeners)
        {
            Sender.Tell(new ListenerRefused(_mount.Path, $"Too many listeners on {_mount.Path} (max_listeners = {_mount.MaxListeners})"));
            return;
        }
        _listeners.Add(attach.ListenerId);
        ReportListeners();
        var header = _local?.StreamHeader ?? _state?.StreamHeader ?? ReadOnlyMemory<byte>.Empty;
        Sender.Tell(new ListenerAttached(_feed, _history.BurstStart(), header));
    }

    private void OnDetachListener(DetachListener detach)
    {
        if (_listeners.Remove(detach.ListenerId))
            ReportListeners();
    }

    private void ReportListeners() => _region.Tell(new ReplicaListeners(_mount.Path, Self, _listeners.Count));

    /// <summary>
    /// The mount as this node last heard it, for when its entity does not answer (it is moving). Its source is
    /// connected as long as this node is not playing its own playlist instead: a source follows a mount that moves,
    /// and while its entity's node is dead no source reaches this node's listeners. The bytes an entity received are
    /// its own, so none are counted here.
    /// </summary>
    private MountStatus LastKnownStatus() => new(
        _mount.Path,
        SourceConnected: _local is null && _state?.SourceLive == true,
        PlayingFallback: _local is not null,
        _feed.NowPlaying.Title,
        _listeners.Count,
        _feed.Head,
        BytesReceived: 0,
        _history.Ring.Available,
        _history.Ring.Capacity);
}
