using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Cycast.Actors.Messages;
using Cycast.Actors.Playlist;
using Cycast.Actors.Recording;
using Cycast.Actors.Relays;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// One mount, the sharded entity of its path: the sequencer of its stream, wherever in the cluster it runs. It takes
/// bytes from at most one live source, or else from its playlist player, finds their join points, and sends each
/// write, at its offset in the mount's stream, to the replica of every node that serves the mount (its own node's
/// included, in-process): each replica (<see cref="MountReplica"/>) is the only writer of its node's ring. A switch
/// between source and playlist is just the next bytes of the stream: nobody is disconnected.
/// </summary>
/// <remarks>
/// An entity that moves to another node (its node leaves, or dies) takes its live source along: it tells the source's
/// session and the replicas where the stream ended before it stops, and the entity started on the next node waits
/// briefly for that session to resume before it falls back to the playlist. A resumed source's stream carries on
/// byte for byte from that offset, with the title it had: a hand-over is the next entity continuing the offset.
/// </remarks>
public sealed class MountActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    /// <summary>How long a new entity waits for a source that was live on its predecessor before playing the playlist.</summary>
    private static readonly TimeSpan ResumePatience = TimeSpan.FromSeconds(3);

    private readonly MountSettings _mount;
    private readonly TimeSpan _sourceTimeout;
    private readonly TimeSpan _idleTimeout;
    private readonly BufferSettings _buffer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PlaylistFallback _playlist;
    private readonly ReplicaSet _replicas = new();
    private readonly RunningEntities _runningHere;
    private readonly MountDirectory _directory;
    private readonly IActorRef? _relay;
    // Whether this node knows the mount: it does not until an encoder or a replica of the mount opens it here.
    private bool _opened;
    private bool _goingAway;
    private LiveSource? _source;
    private DateTimeOffset _streamStart = DateTimeOffset.UtcNow;
    private MountStreamState _state;
    private ContainerFormat? _format;
    private int _sourceTagsVersion;
    private long _bytesReceived;
    private readonly MountStart _start = new();
    // The stream this entity sequences; null until it starts.
    private MountSequence? _sequence;
    private bool _retired;
    // This incarnation's fencing number, taken when it starts to write (0 until then).
    private long _epoch;
    private bool _fenced;
    // Live sources dropped because their encoder's node went out of reach: if it comes back, they are asked to resume.
    private readonly HashSet<Guid> _outOfReach = new();

    private sealed record StartWithoutResume;

    /// <summary>The live source sent nothing a listener could decode for <c>source_timeout</c>.</summary>
    private sealed record NoAudio(Guid SessionId);

    /// <summary>A mount an encoder created has had no source and no listener for <c>mount_idle_timeout</c>.</summary>
    private sealed record Idle;

    /// <param name="directory">The mounts this node knows, and the one door to a new one.</param>
    /// <param name="path">The mount's path, the entity's id.</param>
    /// <param name="runningHere">The node's record of the entities it runs, for its metrics and admin API.</param>
    public MountActor(MountDirectory directory, string path, CycastSettings station, RunningEntities runningHere)
    {
        _directory = directory;
        _opened = directory.TryGet(path, out var known);
        _mount = _opened ? known : MountSettings.Unconfigured(path, station);
        _runningHere = runningHere;
        _sourceTimeout = station.Advanced.SourceTimeout;
        _idleTimeout = station.Advanced.MountIdleTimeout;
        _buffer = station.Buffer;
        _playlist = new PlaylistFallback(_mount, station.Playlist);
        _state = new MountStreamState(path, 0, long.MaxValue, [], StationHead(), TrackTitle.None);
        // A relayed mount's upstream is pulled by its entity's node alone: the pull is the entity's child, and moves with it.
        _relay = _opened && _mount.Relay is not null ? Context.ActorOf(RelayPuller.Props(_mount, station.Broadcaster.ChunkSize), "relay") : null;
        if (_opened)
            Starting();
        else
            Unopened();
    }

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(MountDirectory directory, string path, CycastSettings station, RunningEntities runningHere) =>
        Akka.Actor.Props.Create(() => new MountActor(directory, path, station, runningHere));

    private MountSequence Sequence => _sequence!;

    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember));
        if (_opened)
            Timers.StartSingleTimer(nameof(StartWithoutResume), new StartWithoutResume(), ResumePatience);
    }

    /// <summary>
    /// An entity started for a path its node does not know. Only the mount's encoder (its session's request, from the
    /// node that opened the mount for it) or a replica of the mount (whose node knows it) opens it here, through the
    /// directory's one door. Anything else naming an unknown path, a title update among them, is told there is no such
    /// source, and the entity goes at once: no mount, no playlist, no ring.
    /// </summary>
    private void Unopened()
    {
        Receive<SourceConnect>(connect =>
        {
            if (Open(out var refusal))
                return;
            Sender.Tell(new SourceRefused(_mount.Path, refusal));
            GoAway();
        });
        Receive<SubscribeReplica>(subscribe =>
        {
            if (!Open(out _))
                GoAway();
        });
        Receive<UpdateMetadata>(_ =>
        {
            Sender.Tell(new MetadataRefused(_mount.Path, "Source does not exist"));
            GoAway();
        });
        Receive<KillSource>(_ =>
        {
            Sender.Tell(new SourceKilled(_mount.Path, Found: false));
            GoAway();
        });
        Receive<MountHandOff>(_ => Context.Stop(Self));
        ReceiveAny(_ => GoAway());
    }

    /// <summary>Opens the mount on this node and takes the message that opened it as a new entity would; false if refused.</summary>
    private bool Open(out string refusal)
    {
        if (!_directory.TryOpen(_mount.Path, out _, out refusal))
            return false;
        _opened = true;
        Stash.Stash();
        Become(Starting);
        Timers.StartSingleTimer(nameof(StartWithoutResume), new StartWithoutResume(), ResumePatience);
        Stash.UnstashAll();
        return true;
    }

    private void GoAway()
    {
        if (_goingAway)
            return;
        _goingAway = true;
        Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(MountHandOff.Instance));
    }

    /// <summary>
    /// A new entity does not know whether it starts a mount afresh or takes over one whose source is about to follow
    /// it here: the first messages tell. Until then it answers nothing, so no one sees a moving mount as source-less.
    /// </summary>
    private void Starting()
    {
        Receive<SourceConnect>(connect =>
        {
            // Taken first once running, so replicas waiting meanwhile subscribe to the source's stream. A source that
            // carries its stream on from the previous entity says where that stream ended: this one goes on from there.
            Stash.Prepend([new Envelope(connect, Sender)]);
            StartSequencing(startPlaylist: false, _start.OffsetFor(connect.Resume));
        });
        // The source of the previous entity is on its way; its session sends these bytes again once it has resumed here.
        Receive<SourceData>(_ => _start.SourceAudioArrived());
        Receive<SubscribeReplica>(subscribe =>
        {
            Stash.Stash();
            if (_start.ReplicaSubscribed(subscribe))
                StartSequencing(startPlaylist: true, _start.HighestOffset);
        });
        Receive<WakeMount>(_ =>
        {
            if (_start.MayPlayPlaylist)
                StartSequencing(startPlaylist: true, _start.HighestOffset);
        });
        Receive<StartWithoutResume>(_ => StartSequencing(startPlaylist: true, _start.HighestOffset));
        Receive<MountHandOff>(_ => Context.Stop(Self));
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>
    /// Only once it is sure what comes first (its source, or its playlist) does the entity send anything: until then
    /// the replicas go on with what they hold, or their own playlist, for listeners that would otherwise hear nothing
    /// while the mount moves. Its stream begins at <paramref name="offset"/> of the mount's.
    /// </summary>
    private void StartSequencing(bool startPlaylist, long offset)
    {
        Timers.Cancel(nameof(StartWithoutResume));
        _sequence = new MountSequence(_mount.Path, _buffer, offset);
        Context.ActorSelection(MountRouter.Path).Tell(new StartReplica(_mount.Path));
        if (_mount.Recording is { } recording)
            MountRecorder.Start(Context, _mount.Path, recording, Context.ActorSelection(MountRouter.Path));
        TakeEpoch(_start.HighestEpoch);
        Become(Running);
        if (startPlaylist)
            _playlist.Start(Context, _format);
        WatchIdleness();
        Stash.UnstashAll();
    }

    private void Running()
    {
        Receive<SourceConnect>(OnSourceConnect);
        Receive<SourceData>(OnSourceData);
        Receive<SourceDisconnect>(OnSourceDisconnect);
        Receive<UpdateMetadata>(OnUpdateMetadata);
        Receive<FallbackTrackStarted>(OnFallbackTrackStarted);
        Receive<FallbackAudio>(audio =>
        {
            if (_playlist.IsFrom(Sender))
                Write(audio.Audio);
        });
        Receive<SubscribeReplica>(OnSubscribeReplica);
        Receive<ReplicaListeners>(message =>
        {
            _replicas.Count(message.Replica, message.Listeners);
            WatchIdleness();
        });
        Receive<Terminated>(terminated =>
        {
            _replicas.Remove(terminated.ActorRef);
            WatchIdleness();
        });
        Receive<Idle>(_ => Retire());
        Receive<GetMountStatus>(_ => Sender.Tell(Status()));
        Receive<GetMountNodes>(_ => Sender.Tell(Nodes()));
        Receive<KillSource>(_ => Sender.Tell(new SourceKilled(_mount.Path, KillSource())));
        Receive<WakeMount>(_ => { });
        Receive<StartWithoutResume>(_ => { });
        Receive<NoAudio>(noAudio =>
        {
            if (_source?.SessionId != noAudio.SessionId)
                return;
            var reason = $"sent no {Sequence.Scanner?.Unit ?? "audio"} for {_sourceTimeout.TotalSeconds} s (source_timeout)";
            _source.Session.Tell(new SourceRefused(_mount.Path, reason));
            EndSource(reason);
        });
        Receive<MountFenced>(fenced => OnFenced(fenced.Epoch));
        Receive<ClusterEvent.UnreachableMember>(unreachable => OnNodeOutOfReach(unreachable.Member.Address));
        Receive<MountHandOff>(_ => Context.Stop(Self));
    }

    /// <summary>
    /// From now on this entity writes the mount's stream: it takes a fencing number above any it has heard of, which
    /// every write carries, and says so (the node's metrics and admin API show it too).
    /// </summary>
    private void TakeEpoch(long highestHeardOf)
    {
        _epoch = MountEpoch.After(highestHeardOf, DateTimeOffset.UtcNow);
        _state = _state with { Epoch = _epoch };
        _runningHere.Started(_mount.Path, _epoch);
        _log.Info("Mount {0}'s entity runs here on {1} (epoch {2})", _mount.Path, Cluster.Get(Context.System).SelfAddress, _epoch);
    }

    /// <summary>
    /// A replica has accepted a newer entity of this mount: this one is stale (its node missed a hand-over, or is about
    /// to be downed). It writes nothing more and stops; its source's session resumes through the region, which leads it
    /// to the mount's entity of the moment.
    /// </summary>
    private void OnFenced(long newerEpoch)
    {
        if (newerEpoch <= _epoch || _fenced)
            return;
        _fenced = true;
        _log.Warning("Mount {0}'s entity here (epoch {1}) is stale: a replica follows a newer one (epoch {2}); it stops", _mount.Path, _epoch, newerEpoch);
        GoAway();
    }

    /// <summary>
    /// The live source's encoder is on a node out of reach (a partition, or that node is dying): no audio can come, and
    /// this side must not show a source it cannot hear. The playlist takes over; should the node come back before it is
    /// downed, the source's session is asked to resume (<see cref="OnSourceData"/>).
    /// </summary>
    private void OnNodeOutOfReach(Address node)
    {
        if (_source is not { } source || !source.Session.Path.Address.Equals(node))
            return;
        _outOfReach.Add(source.SessionId);
        EndSource($"its encoder's node {node} is out of reach");
    }

    private void OnSourceConnect(SourceConnect connect)
    {
        if (_source is not null)
        {
            if (_source.SessionId == connect.SessionId)
            {
                // A resume asked again while the first was on its way: the session takes it from where the mount is.
                Sender.Tell(new SourceAccepted(_mount.Path, _source.Position));
                return;
            }
            _log.Warning("Refused source for {0} from {1}: mount already has a live source from {2}", _mount.Path, connect.Peer, _source.Peer);
            Sender.Tell(new SourceRefused(_mount.Path, "Mountpoint in use"));
            return;
        }
        var properties = connect.Properties;
        var resume = connect.Resume;
        _playlist.Stop(Context);
        Timers.Cancel(nameof(Idle));
        _source = new LiveSource(connect.SessionId, Sender, properties, connect.Peer, resume?.Position ?? 0);
        _format = ContainerFormats.FromContentType(properties.ContentType) ?? _format;
        _sourceTagsVersion = 0;
        var head = StreamHeads.Source(Current, properties);
        if (resume is not null && Sequence.TryCarryOn(properties.ContentType, resume))
        {
            // Nothing sent since the predecessor's stream ended: this entity's stream is its next bytes.
            Announce(_state with
            {
                StreamNumber = _state.StreamNumber + 1,
                EarliestJoin = long.MaxValue,
                StreamHeader = resume.StreamHeader,
                Head = head,
                Title = resume.Title,
                SourceLive = true,
                Continuation = true,
                Origin = Sequence.Offset,
            });
        }
        else
        {
            // A resumed source's stream is taken up in its middle, after its codec header, so this ring's listeners can
            // decode it.
            BeginStream(properties.ContentType, resume?.StreamHeader ?? []);
            // The playlist's title is not the encoder's: until it says otherwise, there is none (or the one it had).
            Announce(_state with { Head = head, Title = resume?.Title ?? TrackTitle.None, SourceLive = true });
        }
        Sender.Tell(new SourceAccepted(_mount.Path, _source.Position));
        AwaitAudio();
        if (resume is null)
        {
            // The encoder's own node logs its arrival, with what it said about itself: this is the same happening.
            _log.Debug("Source connected to {0} from {1} ({2})", _mount.Path, connect.Peer, properties.ContentType);
        }
        else
        {
            _log.Info("Source for {0} from {1} resumed here from byte {2}{3}", _mount.Path, connect.Peer, resume.Position,
                _state.Continuation ? ", carrying its stream on" : "");
        }

        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: true, Resumed: resume is not null));
        Context.System.EventStream.Publish(new MountTitleChanged(_mount.Path, _state.Title));
    }

    private void OnSourceData(SourceData data)
    {
        var source = _source;
        if (source is null)
        {
            // A source dropped while its node was out of reach is back: it resumes as after a move, from these bytes.
            if (_outOfReach.Remove(data.SessionId))
                Sender.Tell(new SourceMoving(_mount.Path, data.SessionId, data.Position));
            return;
        }
        var bytes = source.Take(data);
        if (bytes.IsEmpty)
            return;
        _bytesReceived += bytes.Length;
        Write(bytes);
        // Bytes are not audio until they hold a frame or page a listener can start on: noise keeps no source live.
        if (Sequence.LastWriteHeldAudio)
            AwaitAudio();
        if (source.ProgressDue())
            source.Session.Tell(new SourceProgress(_mount.Path, source.SessionId, source.Position));
        // A live Ogg stream names its tracks in its Vorbis comments (or OpusTags), not through admin/metadata.
        if (Sequence.Scanner is OggPageScanner ogg && ogg.TagsVersion != _sourceTagsVersion)
        {
            _sourceTagsVersion = ogg.TagsVersion;
            if (TrackTitle.FromTags(ogg.CurrentTags) is { } title && SetTitle(title))
                _log.Info("Title of {0} is now \"{1}\", from the stream's tags (source from {2})", _mount.Path, title.StreamTitle, source.Peer);
        }
    }

    /// <summary>(Re)starts the wait for the source's next frame or page: without one for source_timeout, it counts as gone.</summary>
    private void AwaitAudio() => Timers.StartSingleTimer(nameof(NoAudio), new NoAudio(_source!.SessionId), _sourceTimeout);

    private void OnSourceDisconnect(SourceDisconnect disconnect)
    {
        if (_source is null || _source.SessionId != disconnect.SessionId)
            return;
        EndSource(disconnect.Reason);
    }

    /// <summary>The admin's killsource: the session closes the encoder's connection, the playlist takes over.</summary>
    private bool KillSource()
    {
        if (_source is null)
            return false;
        _source.Session.Tell(new SourceRefused(_mount.Path, "source killed by the admin"));
        EndSource("killed by the admin");
        return true;
    }

    private void EndSource(string reason)
    {
        // The encoder's own node logs its departure, with this reason: this is the same happening.
        _log.Debug("Source for {0} from {1} disconnected: {2}", _mount.Path, _source!.Peer, reason);
        _source = null;
        Sequence.End();
        Timers.Cancel(nameof(NoAudio));
        Announce(_state with { Head = StationHead(), SourceLive = false });
        Context.System.EventStream.Publish(new MountSourceChanged(_mount.Path, Live: false));
        _playlist.Start(Context, _format);
        WatchIdleness();
    }

    /// <summary>
    /// A mount an encoder created lives while it is used: once it has neither a source nor a listener anywhere, it
    /// goes after <c>mount_idle_timeout</c>, unless either comes back first. Configured mounts play on forever.
    /// </summary>
    private void WatchIdleness()
    {
        // Called whenever the count of listeners may have changed: an on-demand relay follows it too.
        _relay?.Tell(new RelayDemand(_replicas.Listeners));
        var idle = !_mount.Configured && _source is null && _replicas.Listeners == 0;
        if (!idle)
            Timers.Cancel(nameof(Idle));
        else if (!Timers.IsTimerActive(nameof(Idle)))
            Timers.StartSingleTimer(nameof(Idle), new Idle(), _idleTimeout);
    }

    /// <summary>
    /// Every node's mount router is told, so each replica without listeners stops and frees its ring and every node
    /// forgets the mount; then the entity passivates. A message for the mount meanwhile starts it afresh.
    /// </summary>
    private void Retire()
    {
        _retired = true;
        var retired = new MountRetired(_mount.Path);
        var cluster = Cluster.Get(Context.System);
        foreach (var node in cluster.State.Members.Select(member => member.Address).Append(cluster.SelfAddress).Distinct())
            Context.ActorSelection(new RootActorPath(node) / "user" / MountRouter.Name).Tell(retired);
        _log.Info("Mount {0} goes away: no source and no listener for {1} s", _mount.Path, _idleTimeout.TotalSeconds);
        Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(MountHandOff.Instance));
    }

    /// <summary>
    /// However the entity stops (its shard handed over, its region stopped by a node shutting down, a restart after a
    /// failure), the source's session is told exactly how far the mount got, so it resumes on the mount's next entity
    /// from the next byte, and the replicas how far the stream reached, so they can carry it on without a seam.
    /// </summary>
    protected override void PostStop()
    {
        if (_opened && !_retired)
            HandOver();
        Cluster.Get(Context.System).Unsubscribe(Self);
        if (_epoch == 0)
            return;
        _runningHere.Stopped(_mount.Path, _epoch);
        _log.Info("Mount {0}'s entity stops here (epoch {1})", _mount.Path, _epoch);
    }

    private void HandOver()
    {
        var end = _sequence?.Offset ?? _start.HighestOffset;
        if (_source is { } source)
            source.Session.Tell(new SourceMoving(_mount.Path, source.SessionId, source.Position, end));
        _replicas.Tell(new MountMoving(_mount.Path, end), Self);
        _log.Info("Mount {0} hands over to its next entity{1}", _mount.Path, _source is null ? "" : $", with its source from {_source.Peer}");
    }

    private void OnFallbackTrackStarted(FallbackTrackStarted track)
    {
        if (!_playlist.IsFrom(Sender))
            return;
        if (!Sequence.Streaming)
        {
            _format = track.Format;
            BeginStream(track.Format.ContentType(), []);
            Announce(_state with { Head = StationHead() });
            Context.System.EventStream.Publish(new MountFallbackStarted(_mount.Path, track.Format));
        }
        SetTitle(track.Title);
    }

    /// <summary>
    /// A new stream is one a listener may join only from its own first join point on; one that began elsewhere
    /// (<paramref name="streamHeader"/> is its codec header) is taken up at its first join point.
    /// </summary>
    private void BeginStream(string contentType, byte[] streamHeader)
    {
        Sequence.Begin(contentType, streamHeader);
        _streamStart = DateTimeOffset.UtcNow;
        Announce(_state with { StreamNumber = _state.StreamNumber + 1, EarliestJoin = long.MaxValue, StreamHeader = [], Continuation = false });
    }

    private void Write(ReadOnlyMemory<byte> bytes)
    {
        if (_fenced)
            return;
        var audio = Sequence.Write(bytes, _epoch);
        AnnounceStreamChanges();
        // Passed by reference to this node's replica, serialized once for each other node's: the write's bytes are the
        // source's chunk (or the playlist's file) itself, so the node's ring is the only copy made on this node.
        if (audio is not null)
            _replicas.Tell(audio, Self);
    }

    /// <summary>Replicas learn of a new join limit or codec header (an Ogg stream's first pages) as soon as the stream reveals them.</summary>
    private void AnnounceStreamChanges()
    {
        var header = Sequence.StreamHeader;
        var earliestJoin = Sequence.EarliestJoin;
        if (_state.EarliestJoin != earliestJoin || !header.Span.SequenceEqual(_state.StreamHeader))
            Announce(_state with { EarliestJoin = earliestJoin, StreamHeader = header.ToArray() });
    }

    private void Announce(MountStreamState state)
    {
        if (state == _state)
            return;
        var context = state.Title != _state.Title || state.StreamHeader != _state.StreamHeader;
        _state = state;
        _replicas.Tell(state, Self);
        // What a moved mount needs to carry the source on lives with the source's session.
        if (context && _source is { } source)
            source.Session.Tell(new SourceStreamContext(_mount.Path, source.SessionId, state.Title, state.StreamHeader));
    }

    /// <summary>Puts <paramref name="title"/> on air; false when it already was.</summary>
    private bool SetTitle(TrackTitle title)
    {
        if (title == _state.Title)
            return false;
        Announce(_state with { Title = title });
        Context.System.EventStream.Publish(new MountTitleChanged(_mount.Path, title));
        return true;
    }

    private void OnUpdateMetadata(UpdateMetadata update)
    {
        if (_source is null)
        {
            Sender.Tell(new MetadataRefused(_mount.Path, "Source does not exist"));
            return;
        }
        if (SetTitle(update.Title))
        {
            // The asking node, not this one: an update reaches the mount's entity through whichever node the encoder asked.
            var via = Sender.Path.Address.HasGlobalScope ? Sender.Path.Address : Cluster.Get(Context.System).SelfAddress;
            _log.Info("Title of {0} is now \"{1}\", from admin/metadata via {2} (source from {3})", _mount.Path, update.Title.StreamTitle, via, _source.Peer);
        }
        Sender.Tell(new MetadataUpdated(_mount.Path));
    }

    /// <summary>
    /// A replica gets the state, then its burst, so its first listener starts like any other. A replica that holds the
    /// previous entity's stream to its end gets every byte of a continuing stream instead, so it carries on seamlessly.
    /// </summary>
    private void OnSubscribeReplica(SubscribeReplica subscribe)
    {
        if (subscribe.Epoch > _epoch)
        {
            OnFenced(subscribe.Epoch);
            return;
        }
        var replica = subscribe.Replica;
        if (_replicas.Subscribe(replica, subscribe.Listeners))
        {
            Context.Watch(replica);
            replica.Tell(_state);
            if (Sequence.BurstFor(subscribe.Continues, _state, _epoch) is { } burst)
                replica.Tell(burst);
            _log.Debug("Replica {0} subscribed to {1}", replica.Path, _mount.Path);
        }
        replica.Tell(new ReplicaSubscribed(_mount.Path));
        WatchIdleness();
    }

    private MountStatus Status() => new(
        _mount.Path,
        SourceConnected: _source is not null,
        PlayingFallback: _source is null && Sequence.Streaming,
        _state.Title,
        _replicas.Listeners,
        CurrentHead(),
        _bytesReceived,
        // The mount's ring on each node: full once the stream has filled it, wherever it was sequenced.
        (int)Math.Min(Sequence.Offset, _buffer.SizeBytes),
        _buffer.SizeBytes,
        _replicas.Peak,
        _streamStart,
        _source?.Peer,
        _source?.Properties.UserAgent);

    private MountNodes Nodes() => new(
        _mount.Path,
        Cluster.Get(Context.System).SelfAddress.ToString(),
        _replicas.ByNode(Cluster.Get(Context.System).SelfAddress));

    private StreamHeadFields StationHead() => StreamHeads.Station(Current, _format);

    /// <summary>
    /// The head as the API shows it: built again from the mount's settings now, so a station renamed by a reload shows
    /// at once. Listeners get the head of the stream they join, which follows at the next source or track.
    /// </summary>
    private StreamHeadFields CurrentHead() =>
        _source is { } source ? StreamHeads.Source(Current, source.Properties) : StationHead() with { ContentType = _state.Head.ContentType };

    /// <summary>A reload may have renamed the station since the entity started.</summary>
    private MountSettings Current => _directory.Current(_mount);
}
