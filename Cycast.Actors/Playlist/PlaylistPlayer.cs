using Akka.Actor;
using Akka.Event;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Playlist;

/// <summary>
/// Plays a playlist directory into a mount in real time, for as long as the mount has no live source. Pacing comes
/// from the audio itself (MP3 frame durations, Ogg granule positions) against one absolute start time, so it never
/// drifts: each tick sends every unit due by now plus a small lead, then sleeps until the next unit is due (or for
/// <see cref="Batch"/>, whichever is longer).
/// </summary>
public sealed class PlaylistPlayer : ReceiveActor, IWithTimers
{
    /// <summary>How far ahead of the clock audio goes out: enough to ride out scheduler jitter, small enough not to matter.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The shortest time between two sends. Every send wakes every listener, so sending each 26 ms frame on its own
    /// would cost each listener ~38 sends a second; batching keeps it to five, and the lead absorbs the wait.
    /// </summary>
    public static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an empty, missing or wholly unplayable directory is left before it is looked at again.</summary>
    public static readonly TimeSpan RescanDelay = TimeSpan.FromSeconds(5);

    private readonly string _mountPath;
    private readonly PlaylistLibrary _library;
    private readonly IActorRef _mount;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private readonly Queue<string> _upcoming = new();
    private ContainerFormat? _format;
    private PlaylistTrack? _track;
    private int _nextUnit;
    private long _startedAt;
    private TimeSpan _trackStart;
    private bool _silent = true;
    private bool _reportedEmpty;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    /// <param name="format">The mount's format when known (its last live source's); null lets the directory decide.</param>
    /// <param name="clock">The time pacing is measured against; tests pass a virtual one.</param>
    public PlaylistPlayer(string mountPath, PlaylistLibrary library, ContainerFormat? format, IActorRef mount, TimeProvider clock)
    {
        _mountPath = mountPath;
        _library = library;
        _format = format;
        _mount = mount;
        _clock = clock;
        Receive<Tick>(_ => OnTick());
    }

    public static Props Props(string mountPath, PlaylistLibrary library, ContainerFormat? format, IActorRef mount, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new PlaylistPlayer(mountPath, library, format, mount, clock));

    protected override void PreStart() => Self.Tell(Tick.Instance);

    private void OnTick()
    {
        var now = _clock.GetElapsedTime(_startedAt);
        while (true)
        {
            if (_track is null)
            {
                if (!TryStartNextTrack())
                {
                    _silent = true;
                    Timers.StartSingleTimer(Tick.Instance, Tick.Instance, RescanDelay);
                    return;
                }
                if (_silent)
                {
                    // The timeline starts (again) with the first track after silence, rather than catching up on it.
                    _silent = false;
                    _startedAt = _clock.GetTimestamp();
                    _trackStart = TimeSpan.Zero;
                    now = TimeSpan.Zero;
                }
            }
            var track = _track!;
            SendDueUnits(track, now + Lead);
            if (_nextUnit < track.Units.Count)
            {
                var sendAt = _trackStart + track.Units[_nextUnit].Start - Lead;
                Timers.StartSingleTimer(Tick.Instance, Tick.Instance, sendAt - now > Batch ? sendAt - now : Batch);
                return;
            }
            _trackStart += track.Duration;
            _track = null;
        }
    }

    /// <summary>Sends the units that start by <paramref name="horizon"/>, each contiguous run of them as one message.</summary>
    private void SendDueUnits(PlaylistTrack track, TimeSpan horizon)
    {
        var units = track.Units;
        while (_nextUnit < units.Count && _trackStart + units[_nextUnit].Start <= horizon)
        {
            var runStart = units[_nextUnit].Offset;
            var runEnd = units[_nextUnit].End;
            _nextUnit++;
            while (_nextUnit < units.Count && units[_nextUnit].Offset == runEnd && _trackStart + units[_nextUnit].Start <= horizon)
                runEnd = units[_nextUnit++].End;
            _mount.Tell(new FallbackAudio(track.Bytes.AsMemory(runStart, runEnd - runStart)));
        }
    }

    private bool TryStartNextTrack()
    {
        var listedAfresh = false;
        while (true)
        {
            if (_upcoming.Count == 0)
            {
                // A whole fresh listing without one playable file: wait for the directory to change.
                if (listedAfresh || !ListNextCycle())
                    return false;
                listedAfresh = true;
            }
            if (TryLoad(_upcoming.Dequeue()) is not { } track)
                continue;
            _track = track;
            _nextUnit = 0;
            _mount.Tell(new FallbackTrackStarted(track.Title, track.Format));
            _log.Debug("Playlist for {0} plays {1} ({2})", _mountPath, Path.GetFileName(track.Path), track.Title.StreamTitle);
            return true;
        }
    }

    private bool ListNextCycle()
    {
        var files = _library.NextCycle();
        if (files.Count == 0)
        {
            if (_reportedEmpty)
                return false;
            _reportedEmpty = true;
            _log.Warning("Playlist directory {0} for {1} is missing or holds no files with the playlist's extensions; the mount stays silent until a source connects or files appear",
                _library.Directory, _mountPath);
            return false;
        }
        _reportedEmpty = false;
        _format ??= PlaylistLibrary.FormatOf(files);
        foreach (var file in files)
            _upcoming.Enqueue(file);
        return true;
    }

    private PlaylistTrack? TryLoad(string path)
    {
        try
        {
            var track = TrackLoader.Load(path);
            if (track.Format == _format)
                return track;
            SkipOnce(path, $"it is {track.Format}, but the mount streams {_format}");
        }
        // Whatever a corrupt file makes the parsers do, it costs that file its turn, not the station its fallback.
        catch (Exception error)
        {
            SkipOnce(path, error.Message);
        }
        return null;
    }

    private void SkipOnce(string path, string reason)
    {
        if (_skipped.Add(path))
            _log.Warning("Playlist for {0} skips {1}: {2}", _mountPath, path, reason);
    }
}
