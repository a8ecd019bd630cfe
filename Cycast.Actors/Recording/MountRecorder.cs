using Akka.Actor;
using Akka.Event;
using Cycast.Actors.Messages;
using Cycast.Actors.Streaming;
using Cycast.Shared.Config;

namespace Cycast.Actors.Recording;

/// <summary>
/// Records a mount to disk (<c>dump_file</c>, Icecast's <c>&lt;dump-file&gt;</c>): a child of the mount's entity, so it
/// runs once in the cluster, on the entity's node, and moves with it. Like Icecast's dump file it records the live
/// source, a file per source connection, cut into more files by <c>dump_rotate_seconds</c> and <c>dump_rotate_bytes</c>;
/// the playlist a mount falls back to is not recorded.
/// </summary>
/// <remarks>
/// It reads the node's ring of the mount as a listener does, not the source's bytes: a file holds exactly what
/// listeners got, without ICY blocks, from a join point on (after the codec header pages, for Ogg, as a new listener
/// gets them), and only whole frames or pages, copied a few times a second. Every file therefore decodes from its
/// first byte to its last, even one a node left behind when it died. When the entity moves, this node's file ends
/// with the last whole frame it has and the next node's recorder opens the next file: the two never share a file,
/// and only the entity's node records. A file that cannot be made or written (a full disk, a read-only directory)
/// ends the recording with one error line until the source connects again; the broadcast never notices.
/// </remarks>
public sealed class MountRecorder : ReceiveActor, IWithTimers
{
    /// <summary>How often the ring's new whole frames are copied to the file: a write (and a flush) each time.</summary>
    public static readonly TimeSpan CopyEvery = TimeSpan.FromMilliseconds(250);

    private readonly string _mount;
    private readonly RecordingSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // The node's ring, once the node's replica has given it: its one writer is the replica, this only reads it.
    private StreamHistory? _history;
    // Where the ring stood when this recorder opened it: a mount that moved here goes on with a stream the last node's
    // recorder has recorded up to about there, so a first file begins no earlier.
    private long _openedAt;
    private RecordingFile? _file;
    // The ring offset of the next byte the file gets, and the stream (in the history's count) it records.
    private long _position;
    private int _stream;
    private DateTimeOffset? _cutAt;
    // Whether the mount has a live source, as its entity last said: the ring shows its stream a moment later.
    private bool _live;
    private bool _failed;

    private sealed record CopyNew;

    public MountRecorder(string mount, RecordingSettings settings)
    {
        _mount = mount;
        _settings = settings;
        Receive<NodeRingOpened>(opened =>
        {
            _history = opened.History;
            _openedAt = opened.History.WriteOffset;
            Copy();
        });
        Receive<MountSourceChanged>(changed =>
        {
            // The node's event stream tells of every mount's source.
            if (changed.MountPath != _mount)
                return;
            if (changed.Live)
                OnSourceLive();
            else
                _live = false;
        });
        Receive<CopyNew>(_ => Copy());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Starts the recorder of <paramref name="mount"/> as a child of its entity (<paramref name="entity"/>). It asks
    /// the node's replica of the mount, through <paramref name="router"/>, for the node's ring, and hears of the
    /// source through the node's event stream, subscribed here, before the entity can announce a source.
    /// </summary>
    public static void Start(IUntypedActorContext entity, string mount, RecordingSettings settings, ActorSelection router)
    {
        var recorder = entity.ActorOf(Props.Create(() => new MountRecorder(mount, settings)), "recorder");
        entity.System.EventStream.Subscribe(recorder, typeof(MountSourceChanged));
        router.Tell(new OpenNodeRing(mount), recorder);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (_file is null || _history is null)
            return;
        // The entity stops (it moves, or its node goes): its last whole frames end this file, the next node begins the next.
        var now = _history.Snapshot(_position);
        if (now.Number == _stream && now.WholeTo > _position)
            CopyTo(now.WholeTo.Value);
        Close("the mount's entity stops on this node");
    }

    private void OnSourceLive()
    {
        _live = true;
        _failed = false;
        Timers.StartPeriodicTimer(nameof(CopyNew), new CopyNew(), CopyEvery);
        Copy();
    }

    /// <summary>
    /// Copies what the ring holds of the live source's stream. A file begins where a new listener of that stream
    /// would, and ends with its stream: when the ring's stream is no longer the live source's (the source went, or a
    /// new one began), everything of it is in the ring, since the replica writes the entity's messages in order.
    /// </summary>
    private void Copy()
    {
        if (_history is null || _failed)
            return;
        var now = _history.Snapshot(_file is null ? _openedAt : _position);
        if (_file is null)
        {
            if (now.Live && now.BeginAt is { } at)
                Open(now, at);
            else if (!_live)
                Timers.Cancel(nameof(CopyNew));
            return;
        }
        if (!_history.Ring.Holds(_position))
        {
            _log.Warning("Recording of {0} fell {1} bytes behind, past the oldest audio the ring holds: the next file begins at the oldest it still holds", _mount, now.Written - _position);
            Close("the recorder fell behind");
            return;
        }
        if (now.Number != _stream || !now.Live)
        {
            CopyTo(now.Number == _stream ? now.Written : now.Start);
            if (_file is not null)
                Close(_live ? "its stream ended" : "its source disconnected");
            return;
        }
        if (now.WholeTo > _position)
            CopyTo(now.WholeTo.Value);
        if (_file is not null && RotationDue())
            Rotate();
    }

    /// <summary>Ends the file at the boundary it reached and goes on in a new one, from there.</summary>
    private void Rotate()
    {
        // A file is open only once the node's ring is known.
        var now = _history!.Snapshot(_position);
        // Not before a new listener could begin here too: for Ogg, once the header the new file starts with applies.
        if (now.Number != _stream || now.BeginAt != _position)
            return;
        var reason = _settings.RotateBytes is { } limit && _file!.Bytes >= limit ? $"dump_rotate_bytes {limit} reached" : "dump_rotate_seconds passed";
        Close(reason);
        Open(now, _position);
    }

    private bool RotationDue() =>
        _settings.RotateBytes is { } limit && _file!.Bytes >= limit || _cutAt is { } cut && DateTimeOffset.UtcNow >= cut;

    private void Open(StreamSnapshot stream, long at)
    {
        var opened = DateTimeOffset.Now;
        var path = _settings.File.Expand(opened);
        try
        {
            _file = RecordingFile.Create(path);
            _file.Write(stream.Header.Span);
        }
        catch (Exception error) when (IsWriteFailure(error))
        {
            Fail(_file?.Path ?? path, error);
            return;
        }
        _position = at;
        _stream = stream.Number;
        _cutAt = _settings.RotateEvery is { } every ? NextCut(opened, every) : null;
        _log.Info("Recording {0} to {1}", _mount, _file.Path);
    }

    /// <summary>The next multiple of <paramref name="every"/> since midnight UTC: hourly files begin on the hour.</summary>
    private static DateTimeOffset NextCut(DateTimeOffset now, TimeSpan every)
    {
        var seconds = (long)every.TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / seconds + 1) * seconds);
    }

    /// <summary>Copies the ring from the file's position up to <paramref name="end"/>: a run, and the rest after the ring's wrap.</summary>
    private void CopyTo(long end)
    {
        var file = _file!;
        try
        {
            while (_position < end)
            {
                var piece = _history!.Ring.Read(_position, end);
                file.Write(piece.Span);
                _position += piece.Length;
            }
            file.Flush();
        }
        catch (Exception error) when (IsWriteFailure(error))
        {
            Fail(file.Path, error);
        }
    }

    private void Close(string reason)
    {
        var file = _file!;
        _file = null;
        try
        {
            file.Dispose();
        }
        catch (Exception error) when (IsWriteFailure(error))
        {
            Fail(file.Path, error);
            return;
        }
        _log.Info("Recording of {0} closed {1} ({2} bytes): {3}", _mount, file.Path, file.Bytes, reason);
    }

    /// <summary>One line says the recording stopped, and why; nothing more is tried until a source connects again.</summary>
    private void Fail(string path, Exception error)
    {
        _failed = true;
        Timers.Cancel(nameof(CopyNew));
        if (_file is { } file)
        {
            _file = null;
            try
            {
                file.Dispose();
            }
            catch (Exception again) when (IsWriteFailure(again))
            {
                // What it could not write it cannot flush either; the first error says so.
            }
        }
        _log.Error("Recording of {0} stopped: cannot write {1}: {2}. The broadcast goes on; the next source connection tries again",
            _mount, path, error.Message.TrimEnd('.'));
    }

    private static bool IsWriteFailure(Exception error) =>
        error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;
}
