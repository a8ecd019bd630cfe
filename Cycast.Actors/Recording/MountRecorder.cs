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
    private readonly StreamHistory _history;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RecordingFile? _file;
    // The ring offset of the next byte the file gets, and the stream (in the history's count) it records.
    private long _position;
    private int _stream;
    private DateTimeOffset? _cutAt;
    private bool _live;
    // The stream the live source began: the recorder begins its first file in it, and no other.
    private int _liveStream;
    private bool _failed;

    private sealed record CopyNew;

    public MountRecorder(string mount, RecordingSettings settings, StreamHistory history)
    {
        _mount = mount;
        _settings = settings;
        _history = history;
        Receive<MountSourceChanged>(changed =>
        {
            // The node's event stream tells of every mount's source.
            if (changed.MountPath != _mount)
                return;
            if (changed.Live)
                OnSourceLive();
            else
                OnSourceGone();
        });
        Receive<CopyNew>(_ => Copy());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Starts the recorder of <paramref name="mount"/> as a child of its entity (<paramref name="entity"/>), reading
    /// <paramref name="history"/>, the ring the entity writes. It hears of the source through the node's event stream,
    /// subscribed here, before the entity can announce a source.
    /// </summary>
    public static void Start(IUntypedActorContext entity, string mount, RecordingSettings settings, StreamHistory history)
    {
        var recorder = entity.ActorOf(Props.Create(() => new MountRecorder(mount, settings, history)), "recorder");
        entity.System.EventStream.Subscribe(recorder, typeof(MountSourceChanged));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (_file is null)
            return;
        // The entity stops (it moves, or its node goes): its last whole frames end this file, the next node begins the next.
        var now = _history.Snapshot(_position);
        if (now.Number == _stream && now.WholeTo > _position)
            CopyTo(now.WholeTo.Value);
        Close("the mount's entity stops on this node");
    }

    private void OnSourceLive()
    {
        if (_file is not null)
            Close("a new source connected");
        _live = true;
        _failed = false;
        _liveStream = _history.Snapshot(0).Number;
        Timers.StartPeriodicTimer(nameof(CopyNew), new CopyNew(), CopyEvery);
        Copy();
    }

    /// <summary>The source is gone, and its stream with it: nothing more is written to it, so the file gets all of it.</summary>
    private void OnSourceGone()
    {
        _live = false;
        Timers.Cancel(nameof(CopyNew));
        if (_file is null)
            return;
        var now = _history.Snapshot(_position);
        if (_history.Ring.Holds(_position))
            CopyTo(now.Number == _stream ? now.Written : now.Start);
        if (_file is not null)
            Close("its source disconnected");
    }

    private void Copy()
    {
        if (_failed)
            return;
        if (_file is null)
        {
            if (_live)
                Begin();
            return;
        }
        var now = _history.Snapshot(_position);
        if (!_history.Ring.Holds(_position))
        {
            _log.Warning("Recording of {0} fell {1} bytes behind, past the oldest audio the ring holds: the next file begins at the oldest it still holds", _mount, now.Written - _position);
            Close("the recorder fell behind");
            return;
        }
        if (now.Number != _stream)
        {
            // Its stream ended where the next began (a source that went, before the event saying so arrived here).
            CopyTo(now.Start);
            if (_file is not null)
                Close("its stream ended");
            return;
        }
        if (now.WholeTo > _position)
            CopyTo(now.WholeTo.Value);
        if (_file is not null && RotationDue())
            Rotate();
    }

    /// <summary>Opens the first file of the live source's stream, where a new listener of it would begin.</summary>
    private void Begin()
    {
        var now = _history.Snapshot(0);
        if (now.Number == _liveStream && now.BeginAt is { } at)
            Open(now, at);
    }

    /// <summary>Ends the file at the boundary it reached and goes on in a new one, from there.</summary>
    private void Rotate()
    {
        var now = _history.Snapshot(_position);
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
                var piece = _history.Ring.Read(_position, end);
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

    /// <summary>One line says the recording stopped, and why; nothing more is tried until the source connects again.</summary>
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
