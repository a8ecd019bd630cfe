using Akka.Actor;
using Akka.Event;
using Cycast.Actors.Messages;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Sources;

/// <summary>
/// One live encoder, on the node that holds its connection. It hands the encoder's audio to the mount's entity
/// wherever that runs, and keeps what the entity has not confirmed taking. When the entity moves (a rebalance, a node
/// leaving, or dying), the session goes live again on the mount's next entity from the exact byte the last one took,
/// so the encoder never notices: only this node dying ends the encoder's session.
/// </summary>
public sealed class SourceSession : ReceiveActor, IWithTimers
{
    /// <summary>What the replay keeps at most: minutes of audio, if a mount stops confirming what it takes.</summary>
    private const long ReplayCapacity = 4 * 1024 * 1024;

    /// <summary>
    /// A resume can be lost on its way (routed to a region that was just stopping, or to a node that died mid-move): it
    /// is asked again this often, well inside the time replicas wait for a hand-over before their own playlist.
    /// </summary>
    private static readonly TimeSpan ResumeRetry = TimeSpan.FromMilliseconds(300);

    private readonly SourceConnect _connect;
    private readonly IActorRef _mounts;
    private readonly Action<string> _closeConnection;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SourceReplay _replay = new(ReplayCapacity);
    private IActorRef? _entity;
    private IActorRef? _goingLive;
    private long _position;
    private TrackTitle _title = TrackTitle.None;
    private byte[] _streamHeader = [];
    private SourceConnect? _resuming;

    private sealed record RetryResume;

    /// <param name="mounts">Where mount messages go: the node's way to the shard region.</param>
    /// <param name="closeConnection">Closes the encoder's connection, with the reason: only when the mount refuses it.</param>
    public SourceSession(string mountPath, Guid sessionId, SourceProperties properties, string peer, IActorRef mounts, Action<string> closeConnection)
    {
        _connect = new SourceConnect(mountPath, sessionId, properties, peer);
        _mounts = mounts;
        _closeConnection = closeConnection;
        Connecting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string mountPath, Guid sessionId, SourceProperties properties, string peer, IActorRef mounts, Action<string> closeConnection) =>
        Akka.Actor.Props.Create(() => new SourceSession(mountPath, sessionId, properties, peer, mounts, closeConnection));

    private string MountPath => _connect.MountPath;

    /// <summary>Until the mount answers whether this encoder may go live.</summary>
    private void Connecting()
    {
        Receive<GoLive>(_ =>
        {
            _goingLive = Sender;
            _mounts.Tell(_connect);
        });
        Receive<SourceAccepted>(accepted =>
        {
            Attach(Sender);
            _goingLive?.Tell(accepted);
            Become(Live);
        });
        Receive<SourceRefused>(refused =>
        {
            _goingLive?.Tell(refused);
            Context.Stop(Self);
        });
        // The mount tells the stream's context as it takes the source on, before its answer gets here.
        Receive<SourceStreamContext>(Remember);
        Receive<SourceEnded>(_ => Context.Stop(Self));
    }

    private void Live()
    {
        Receive<SourceBytes>(OnBytes);
        Receive<SourceProgress>(progress =>
        {
            if (Sender.Equals(_entity))
                _replay.Release(progress.Position);
        });
        Receive<SourceStreamContext>(context =>
        {
            if (Sender.Equals(_entity))
                Remember(context);
        });
        Receive<SourceMoving>(moving =>
        {
            if (Sender.Equals(_entity))
                Resume(moving.Position, continues: true, moving.StreamOffset);
        });
        Receive<Terminated>(terminated =>
        {
            // Without word from the entity it died with its node, and with it what it had not passed on: the new entity
            // starts from the encoder's present, not from audio its listeners have long since missed.
            if (!terminated.ActorRef.Equals(_entity))
                return;
            _replay.Clear();
            Resume(_position, continues: false, streamOffset: 0);
        });
        Receive<SourceAccepted>(OnResumed);
        Receive<RetryResume>(_ =>
        {
            if (_resuming is not null)
                _mounts.Tell(_resuming);
        });
        Receive<SourceRefused>(refused =>
        {
            // A resume the mount's next entity refused, or the admin's killsource.
            _closeConnection($"the mount refused the source ({refused.Reason})");
            Context.Stop(Self);
        });
        Receive<SourceEnded>(ended =>
        {
            _mounts.Tell(new SourceDisconnect(MountPath, _connect.SessionId, ended.Reason));
            Context.Stop(Self);
        });
    }

    private void Remember(SourceStreamContext context)
    {
        _title = context.Title;
        _streamHeader = context.StreamHeader;
    }

    private void OnBytes(SourceBytes bytes)
    {
        var piece = new SourcePiece(_position, bytes.Buffer, bytes.Length);
        _position = piece.End;
        var forgotten = _replay.Add(piece);
        if (forgotten > 0)
            _log.Warning("Source for {0}: the mount has not confirmed {1} bytes; the oldest {2} are no longer kept for it", MountPath, _replay.Held, forgotten);
        // While the mount moves, its next entity gets these with the rest of the replay once it has taken the source on.
        if (_resuming is null)
            Send(piece);
    }

    /// <summary>
    /// Straight to the entity that took the source on, not through the router, the shard region and the shard: an
    /// encoder writing every frame makes 38 of these a second. What an entity that has just stopped never gets is
    /// replayed to the next one.
    /// </summary>
    private void Send(SourcePiece piece) =>
        (_entity ?? _mounts).Tell(new SourceData(MountPath, _connect.SessionId, piece.Position, piece.Buffer.AsMemory(0, piece.Length)));

    private void Attach(IActorRef entity)
    {
        _entity = entity;
        Context.Watch(entity);
    }

    /// <summary>Asks the mount's next entity, through the shard region, to carry this source on from byte <paramref name="position"/>.</summary>
    private void Resume(long position, bool continues, long streamOffset)
    {
        Context.Unwatch(_entity!);
        _entity = null;
        _resuming = _connect with { Resume = new SourceResume(position, _title, _streamHeader, continues, streamOffset) };
        _mounts.Tell(_resuming);
        Timers.StartPeriodicTimer(nameof(RetryResume), new RetryResume(), ResumeRetry);
        _log.Info("Source for {0} follows its mount to the mount's next node, from byte {1}", MountPath, position);
    }

    /// <summary>The next entity took the source on: it gets every byte from where it asked, then the live audio.</summary>
    private void OnResumed(SourceAccepted accepted)
    {
        if (_resuming is null)
            return;
        _resuming = null;
        Timers.Cancel(nameof(RetryResume));
        Attach(Sender);
        foreach (var piece in _replay.From(accepted.Position))
            Send(piece);
        _log.Info("Source for {0} is live again on {1}, from byte {2}", MountPath, Sender.Path.Address, accepted.Position);
    }
}

/// <summary>Asks the session to go live; answered with <see cref="SourceAccepted"/> or <see cref="SourceRefused"/>.</summary>
public sealed record GoLive
{
    public static GoLive Instance { get; } = new();
}

/// <summary>
/// The encoder's next bytes: a chunk of its own, exactly their size (<see cref="Length"/> is the whole buffer), which
/// nobody writes to once it is handed over. It is the audio's one carrier from the socket to every ring on the entity's
/// node: the session, the mount's entity and its node's replica pass it on by reference.
/// </summary>
public sealed record SourceBytes(byte[] Buffer, int Length);

/// <summary>The encoder's connection ended.</summary>
public sealed record SourceEnded(string Reason);
