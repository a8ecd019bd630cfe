using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;
using Akka.Streams;
using Cycast.Actors.Delivery;
using Cycast.Actors.Messages;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Mounts;

/// <summary>
/// This node's copy of one mount, wherever its entity runs: the node's ring of the mount (<see cref="NodeRing"/>) and
/// the feed that listeners on this node read. The replica is the only writer of its ring: it fills it from the
/// entity's writes (sent in-process when the entity runs on this node), so however many listeners the node has, the
/// mount's audio reaches it once. The ring outlives the entity: when the entity's node goes, the replica resubscribes
/// through the shard region, the entity starts again elsewhere, and this node's listeners hear its next bytes without
/// reconnecting. Until then they
/// hear this node's own copy of the mount's playlist, played into the ring by the replica itself. An entity that hands
/// over cleanly (its node leaves) says where its stream ended; when the next entity carries that stream on (its live
/// source followed it), the ring carries on byte for byte and listeners hear no seam.
/// </summary>
public sealed class MountReplica : ReceiveActor, IWithUnboundedStash, IWithTimers, IRingWriter
{
    /// <summary>A subscription can be lost on its way (to a region just stopping, or a node that died): it is sent again this often.</summary>
    private static readonly TimeSpan ResubscribeEvery = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long listeners may hear nothing while the mount hands over before this node's playlist fills in; the playlist
    /// is for a hand-over that does not complete (the next entity's node died too). A clean one takes 0.2-0.4 s on a
    /// quiet machine and up to 0.85 s on a loaded one: filling in before it completes would put a seam in the stream.
    /// </summary>
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromMilliseconds(1200);

    private readonly MountSettings _mount;
    private readonly MountDirectory? _directory;
    private readonly CycastSettings _station;
    private readonly IActorRef _region;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PlaylistFallback _playlist;
    private readonly HashSet<long> _listeners = new();
    private NodeRing _ring = null!;
    private EntityStreamSplicer _splicer = null!;
    private IActorRef? _entity;
    // This node's playlist in the ring, from its first track until the entity is heard again.
    private IncomingStream? _local;
    // When what this node plays began, as far as it knows: its start, or its own playlist's.
    private DateTimeOffset _streamStart = DateTimeOffset.UtcNow;
    private long _localSince;
    // The highest fencing number of the mount's entity accepted here: writes from an entity below it are refused.
    private long _epoch;

    private sealed record Resubscribe;

    private sealed record HandOverOverdue;

    public MountReplica(MountSettings mount, CycastSettings station, IActorRef region, MountDirectory? directory = null)
    {
        _mount = mount;
        _directory = directory;
        _station = station;
        _region = region;
        _playlist = new PlaylistFallback(mount, station.Playlist);
        Subscribing();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="directory">Where a reload's new limits for the mount are read from (none: the mount's settings stay as given).</param>
    public static Props Props(MountSettings mount, CycastSettings station, IActorRef region, MountDirectory? directory = null) =>
        Akka.Actor.Props.Create(() => new MountReplica(mount, station, region, directory));

    /// <summary>A reload may have changed the mount's limits since the replica started.</summary>
    private MountSettings Current => _directory?.Current(_mount) ?? _mount;

    private MountFeed Feed => _ring.Feed;

    protected override void PreStart()
    {
        var history = new StreamHistory(_station.Buffer.SizeBytes, _station.Buffer.BurstSize);
        // Listeners wait for the entity's state, so this head is only a placeholder until it comes. The fan-out runs
        // on this actor's materializer, so it stops with the replica.
        var head = StreamHeads.Station(_mount, format: null);
        _ring = new NodeRing(history, new MountFeed(history.Ring, LiveFanOut.Start(history.Ring, Context.Materializer(), _station.Broadcaster.LatencyBudget), head));
        RingMemory.Taken(history.Ring.Capacity);
        _splicer = new EntityStreamSplicer(history, this);
        // Death watch reports a killed node's entity only once the node is downed, seconds after the connection to it
        // broke: either of these says sooner that the entity's writes have stopped coming.
        Context.System.EventStream.Subscribe<DisassociatedEvent>(Self);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
        Subscribe();
    }

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        RingMemory.Released(_ring.History.Ring.Capacity);
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
        Receive<Resubscribe>(_ =>
        {
            // A leaving node's region hands its shards over: it is asked nothing more, and its listeners go with it.
            if (IsShuttingDown)
                Timers.Cancel(nameof(Resubscribe));
            else
                Subscribe();
        });
        Receive<AttachListener>(attach =>
        {
            // A ring with this node's playlist, or with the stream a moving mount left, has what a newcomer needs.
            if (_local is null && !_splicer.HoldsHandOver)
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
        Receive<OpenNodeRing>(_ => Sender.Tell(new NodeRingOpened(_ring.History)));
        Receive<MountStreamState>(OnState);
        Receive<MountAudio>(OnAudio);
        Receive<FallbackTrackStarted>(OnLocalTrackStarted);
        Receive<FallbackAudio>(OnLocalAudio);
        Receive<MountMoving>(OnMountMoving);
        Receive<MountRetired>(_ =>
        {
            if (_listeners.Count == 0)
                Context.Stop(Self);
        });
        Receive<HandOverOverdue>(_ =>
        {
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
            // Nor is a mount an encoder created asked back where nobody listens: it may just have gone for good, and
            // the next listener here starts it again.
            if (IsShuttingDown || !_mount.Configured && _listeners.Count == 0)
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
        _region.Tell(new SubscribeReplica(_mount.Path, Self, _listeners.Count, SourceWasLive: _splicer.State?.SourceLive == true,
            Continues: _splicer.HoldsHandOver, Epoch: _epoch, Offset: _splicer.HeardUpTo));
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
        if (_local is null)
            _splicer.HandOver(moving.EndOffset);
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
        if (_playlist.IsPlaying || IsShuttingDown)
            return;
        _splicer.Detach();
        _playlist.Start(Context, ContainerFormats.FromContentType(Feed.Head.ContentType));
    }

    private void OnLocalTrackStarted(FallbackTrackStarted track)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        if (_local is null)
        {
            _local = IncomingStream.Begin(_ring.History, track.Format.ContentType());
            _localSince = Stopwatch.GetTimestamp();
            _streamStart = DateTimeOffset.UtcNow;
            _log.Info("Mount {0} plays this node's playlist until it hears from its entity again", _mount.Path);
        }
        ShowTitle(track.Title);
    }

    private void OnLocalAudio(FallbackAudio audio)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        var written = _local!.Accept(audio.Audio);
        if (!written.IsEmpty)
            _ring.Append(written.Span);
    }

    private void OnState(MountStreamState state)
    {
        if (IsFencedOff(state.Epoch))
            return;
        _epoch = state.Epoch;
        var fromNewEntity = !Sender.Equals(_entity);
        if (fromNewEntity)
        {
            _entity = Sender;
            Context.Watch(_entity);
            Timers.Cancel(nameof(HandOverOverdue));
        }
        if (_splicer.OnState(state, fromNewEntity))
        {
            _log.Info("Mount {0} carries on its stream from its entity on {1}", _mount.Path, Sender.Path.Address);
        }
        Feed.Head = state.Head;
    }

    private void OnAudio(MountAudio audio)
    {
        if (!IsFencedOff(audio.Epoch) && Sender.Equals(_entity))
            _splicer.OnAudio(audio);
    }

    /// <summary>
    /// An entity whose fencing number is below the highest this replica accepted is stale: a newer one of the mount has
    /// written here. Its writes are refused, and it is told, so it stops.
    /// </summary>
    private bool IsFencedOff(long epoch)
    {
        if (epoch >= _epoch)
            return false;
        Sender.Tell(new MountFenced(_mount.Path, _epoch));
        return true;
    }

    void IRingWriter.TakingUpEntityStream() => StopLocalPlaylist();

    /// <summary>Stops this node's playlist between two of its writes, so its last frame or page in the ring is whole.</summary>
    private void StopLocalPlaylist()
    {
        _playlist.Stop(Context);
        if (_local is null)
            return;
        _local = null;
        _log.Info("Mount {0} is back on its entity's stream after {1:0.0} s of this node's playlist", _mount.Path, Stopwatch.GetElapsedTime(_localSince).TotalSeconds);
    }

    void IRingWriter.Append(ReadOnlySpan<byte> bytes) => _ring.Append(bytes);

    void IRingWriter.ShowTitle(TrackTitle title) => ShowTitle(title);

    private void ShowTitle(TrackTitle title)
    {
        if (title != Feed.NowPlaying.Title)
            Feed.NowPlaying = Feed.NowPlaying.With(title);
    }

    private void OnAttachListener(AttachListener attach)
    {
        var mount = Current;
        var maxListeners = mount.MaxListeners;
        if (maxListeners > 0 && _listeners.Count >= maxListeners)
        {
            Sender.Tell(new ListenerRefused(_mount.Path, $"Too many listeners on {_mount.Path} (max_listeners = {maxListeners})", Full: true));
            return;
        }
        _listeners.Add(attach.ListenerId);
        ReportListeners();
        var (start, header) = _ring.History.Newcomer(mount.Limits.BurstSizeIn(_station.Buffer));
        Sender.Tell(new ListenerAttached(Feed, start, header, mount));
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
        SourceConnected: _local is null && _splicer.State?.SourceLive == true,
        PlayingFallback: _local is not null,
        Feed.NowPlaying.Title,
        _listeners.Count,
        Feed.Head,
        BytesReceived: 0,
        _ring.History.Ring.Available,
        _ring.History.Ring.Capacity,
        ListenerPeak: _listeners.Count,
        StreamStart: _streamStart,
        SourcePeer: null,
        SourceUserAgent: null);
}
