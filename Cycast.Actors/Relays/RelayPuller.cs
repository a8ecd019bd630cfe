using System.Buffers;
using Akka.Actor;
using Akka.Event;
using Cycast.Actors.Messages;
using Cycast.Actors.Sources;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Relays;

/// <summary>
/// A relayed mount's pull from its upstream (the mount's <c>relay { }</c>), a child of the mount's entity: so exactly
/// one node pulls each relayed mount, the entity's, and the pull moves with the entity. Each pull feeds the mount as an
/// encoder's connection does, through a <see cref="SourceSession"/>: the mount takes it live, and falls back to its
/// playlist when it ends, without any listener reconnecting. A pull that fails or ends is tried again after a wait
/// that doubles up to <c>retry_max_seconds</c>, with one log line per attempt.
/// </summary>
public sealed class RelayPuller : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly MountSettings _mount;
    private readonly RelaySettings _relay;
    private readonly int _chunkSize;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // The pull under way (connecting or live), cancelled to end it; null while none is.
    private CancellationTokenSource? _pull;
    private IActorRef? _session;
    // Each pull's number: what an earlier pull still reports is told apart and dropped.
    private int _attempt;
    private int _failures;
    private int _listeners;

    private sealed record Opened(UpstreamConnection Upstream, int Attempt);

    private sealed record Failed(string Reason, int Attempt);

    private sealed record Answered(object Answer, UpstreamConnection Upstream, int Attempt);

    private sealed record Ended(string Reason, int Attempt);

    private sealed record Retry;

    /// <param name="chunkSize">The most one read from the upstream takes (<c>broadcaster.chunk_size</c>), as an encoder's connection.</param>
    public RelayPuller(MountSettings mount, int chunkSize)
    {
        _mount = mount;
        _relay = mount.Relay!;
        _chunkSize = chunkSize;
        Receive<RelayDemand>(OnDemand);
        Receive<Retry>(_ => PullIfWanted());
        Receive<Opened>(OnOpened);
        Receive<Answered>(OnAnswered);
        Receive<Failed>(failed =>
        {
            if (failed.Attempt == _attempt)
                Fail(failed.Reason);
        });
        Receive<Ended>(OnEnded);
        // The mount's replies to the titles the pull hands it.
        Receive<MetadataUpdated>(_ => { });
        Receive<MetadataRefused>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(MountSettings mount, int chunkSize) => Akka.Actor.Props.Create(() => new RelayPuller(mount, chunkSize));

    /// <summary>Whether the mount wants its upstream now: always, or while someone listens (<c>on_demand</c>).</summary>
    private bool Wanted => !_relay.OnDemand || _listeners > 0;

    protected override void PreStart() => PullIfWanted();

    protected override void PostStop() => _pull?.Cancel();

    private void OnDemand(RelayDemand demand)
    {
        _listeners = demand.Listeners;
        if (Wanted)
        {
            PullIfWanted();
        }
        else if (_pull is not null)
        {
            _log.Info("Relay {0}: no listener left, stops pulling {1} (on_demand)", _mount.Path, _relay.Upstream);
            _pull.Cancel();
        }
    }

    private void PullIfWanted()
    {
        if (!Wanted || _pull is not null || Timers.IsTimerActive(nameof(Retry)))
            return;
        var attempt = ++_attempt;
        _pull = new CancellationTokenSource();
        UpstreamConnection.OpenAsync(_relay, _pull.Token).PipeTo(Self,
            success: upstream => new Opened(upstream, attempt),
            failure: error => new Failed(error is UpstreamException ? error.Message : $"{error.GetType().Name}: {error.Message}", attempt));
    }

    private void OnOpened(Opened opened)
    {
        var upstream = opened.Upstream;
        if (opened.Attempt != _attempt || _pull is null)
        {
            _ = upstream.DisposeAsync();
            return;
        }
        var contentType = upstream.Properties.ContentType;
        if (!MediaTypes.IsJudged(contentType) && !_mount.AllowPassthrough)
        {
            _ = upstream.DisposeAsync();
            Fail($"it streams {LogText.Of(contentType)}, not MP3, Ogg or AAC (ADTS), and the mount does not allow pass-through (allow_passthrough)");
            return;
        }
        var self = Self;
        var attempt = opened.Attempt;
        // The mount closes a source it refuses on the way (killsource, no audio for source_timeout): that ends the pull.
        _session = Context.ActorOf(SourceSession.Props(_mount.Path, Guid.NewGuid(), upstream.Properties, _relay.Upstream, Context.Parent,
            reason => self.Tell(new Ended(reason, attempt))));
        _session.Ask<object>(GoLive.Instance, AskTimeout).PipeTo(Self,
            success: answer => new Answered(answer, upstream, attempt),
            failure: _ => new Answered(new SourceRefused(_mount.Path, "the mount did not answer"), upstream, attempt));
    }

    private void OnAnswered(Answered answered)
    {
        var upstream = answered.Upstream;
        if (answered.Attempt != _attempt || _pull is null)
        {
            _ = upstream.DisposeAsync();
            return;
        }
        if (answered.Answer is not SourceAccepted)
        {
            _ = upstream.DisposeAsync();
            _session?.Tell(new SourceEnded("refused"));
            _session = null;
            Fail($"the mount refused it ({(answered.Answer as SourceRefused)?.Reason})");
            return;
        }
        _failures = 0;
        _log.Info("Relay {0} is live from {1}: {2}{3}", _mount.Path, _relay.Upstream, upstream.Properties.ContentType,
            upstream.Metaint is { } metaint ? $", titles every {metaint} bytes" : "");
        var attempt = answered.Attempt;
        PumpAsync(upstream, _session!, Context.Parent, Self, _pull.Token).PipeTo(Self, success: reason => new Ended(reason, attempt));
    }

    private void OnEnded(Ended ended)
    {
        if (ended.Attempt != _attempt || _pull is null)
            return;
        _pull.Cancel();
        _session?.Tell(new SourceEnded(ended.Reason));
        _session = null;
        if (Wanted)
            Fail(ended.Reason, live: true);
        else
            _pull = null;
    }

    /// <summary>The pull failed or ended: one line, and the next attempt after the wait its failures so far give.</summary>
    private void Fail(string reason, bool live = false)
    {
        _pull?.Cancel();
        _pull = null;
        if (!Wanted)
            return;
        // Doubling stops at 2^20 times the first wait: far past any cap, and far from overflowing a count of ticks.
        var wait = TimeSpan.FromTicks(Math.Min(_relay.RetryMax.Ticks, _relay.RetryFirst.Ticks * (1L << Math.Min(_failures, 20))));
        _failures++;
        _log.Warning(live ? "Relay {0}: the pull from {1} ended: {2}; next try in {3} s" : "Relay {0}: cannot pull {1}: {2}; next try in {3} s",
            _mount.Path, _relay.Upstream, reason, wait.TotalSeconds);
        Timers.StartSingleTimer(nameof(Retry), new Retry(), wait);
    }

    /// <summary>
    /// Hands the upstream's audio to the session, as an encoder's connection does, in pooled pieces the session then
    /// owns, each ending on a frame or page boundary; the ICY blocks come out on the way, and their titles go to the
    /// mount. Returns why the pull ended: what it held of an unfinished frame ends with it.
    /// </summary>
    private async Task<string> PumpAsync(UpstreamConnection upstream, IActorRef session, IActorRef mount, IActorRef self, CancellationToken cancel)
    {
        var metadata = upstream.Metaint is { } metaint ? new IcyMetadataReader(metaint) : null;
        var frames = new WholeFrames(upstream.Properties.ContentType);
        try
        {
            while (true)
            {
                // What the last read left of an unfinished frame first, then the new bytes.
                var buffer = ArrayPool<byte>.Shared.Rent(frames.MaxHeld + _chunkSize);
                var held = frames.Restore(buffer);
                var count = await upstream.ReadAsync(buffer.AsMemory(held, _chunkSize), cancel);
                string? title = null;
                // The blocks come out in place: the audio is never ahead of the bytes it is taken from.
                var length = metadata?.Read(buffer.AsSpan(held, count), buffer.AsSpan(held), out title) ?? count;
                if (title is not null)
                    mount.Tell(new UpdateMetadata(_mount.Path, TrackTitle.Parse(title)), self);
                var whole = frames.Cut(buffer, held + length);
                if (whole > 0)
                    session.Tell(new SourceBytes(buffer, whole));
                else
                    ArrayPool<byte>.Shared.Return(buffer);
                if (count == 0)
                    return "the upstream ended its stream";
            }
        }
        catch (OperationCanceledException)
        {
            return "the pull was stopped";
        }
        catch (IOException error)
        {
            return $"connection lost ({error.Message})";
        }
        finally
        {
            await upstream.DisposeAsync();
        }
    }
}

/// <summary>How many listeners the mount has in the whole cluster, from its entity: an on-demand relay pulls only while there are any.</summary>
public sealed record RelayDemand(int Listeners);
