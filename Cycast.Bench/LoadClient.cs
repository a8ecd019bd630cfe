using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using static Cycast.Bench.LibC;

namespace Cycast.Bench;

/// <summary>
/// The listener load generator: one thread, one epoll instance, non-blocking sockets. It opens
/// listeners on a schedule, sends a plain HTTP/1.0 GET, checks the status line and then only
/// counts audio bytes. Its user-space work per read is a few counters; what remains of its CPU
/// is the kernel's TCP work for the receiving half of each loopback connection.
/// </summary>
internal sealed unsafe class LoadClient
{
    /// <summary>Round-robin over 127.0.0.1..N so ephemeral ports never run short on one address pair.</summary>
    private const int SourceAddressCount = 4;
    private const int MaxHeaderBytes = 4096;
    private const int MaxEventsPerWait = 4096;
    private const int MaxWaitMs = 50;
    /// <summary>Leaves room for the bench's own files, pipes and the feeder socket.</summary>
    private const int ReservedDescriptors = 200;

    /// <summary>The bitrate window of each listener starts this long after its first byte, past the burst-on-connect.</summary>
    private static readonly long BurstGraceTicks = Stopwatch.Frequency;
    private static readonly long PlayingThresholdTicks = Stopwatch.Frequency;
    /// <summary>
    /// A listener younger than this at the window end is still starting up, not failing: it is
    /// neither expected to play yet nor counted as "no audio".
    /// </summary>
    public static readonly long StartupAllowanceTicks = 2 * Stopwatch.Frequency;

    private readonly SockAddrIn _server;
    private readonly byte[] _request;
    private readonly Func<int, long?>? _markerSentTicks;

    // Per-run state, touched only by the thread inside Run.
    private readonly byte[] _receiveBuffer = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);
    private readonly byte[] _markerSeam = new byte[2 * (LatencyMarker.Length - 1)];
    private Epoll _epoll = null!;
    private ListenerScenario _scenario = null!;
    private bool _windowOpen;
    private long _windowStart;
    private LatencyHistogram _latencies = new();
    private Dictionary<string, int> _failureReasons = [];

    /// <param name="markerSentTicks">Maps a latency marker sequence number to the tick it was written by the source, when known.</param>
    public LoadClient(IPEndPoint server, string mountPoint, Func<int, long?>? markerSentTicks = null)
    {
        _server = InetAddress(server.Address, server.Port);
        _request = Encoding.ASCII.GetBytes(
            $"GET {mountPoint} HTTP/1.0\r\nHost: {server}\r\nUser-Agent: cycast-bench\r\n\r\n");
        _markerSentTicks = markerSentTicks;
    }

    /// <summary>Runs the scenario to its end on the calling thread; the callbacks run on it too, at the window edges.</summary>
    public LoadRun Run(ListenerScenario scenario, Action? onWindowStart = null, Action? onWindowEnd = null)
    {
        var maxOpen = scenario.Lifetime is null ? scenario.TotalListeners : scenario.RampListeners * 2;
        if (maxOpen > OpenFileLimit() - ReservedDescriptors)
        {
            throw new InvalidOperationException(
                $"{maxOpen} listeners would exceed this process's open file limit of {OpenFileLimit()}");
        }

        _scenario = scenario;
        _windowOpen = false;
        _latencies = new LatencyHistogram();
        if (scenario.PinClientToCpu is { } cpu) PinCurrentThread(cpu);
        _failureReasons = [];
        var listeners = new ListenerState[scenario.TotalListeners];
        var events = new EpollEvent[MaxEventsPerWait];
        using var epoll = _epoll = new Epoll();

        var frequency = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var ticksPerConnect = (long)(frequency / scenario.ConnectsPerSecond);
        var windowStart = _windowStart = start + (long)((scenario.RampSeconds + scenario.SettleSeconds) * frequency);
        var windowEnd = windowStart + (long)(scenario.WindowSeconds * frequency);
        var lifetimeTicks = scenario.Lifetime is { } lifetime && lifetime > TimeSpan.Zero
            ? (long)(lifetime.TotalSeconds * frequency)
            : long.MaxValue;

        var nextToOpen = 0;
        var nextToRetire = 0;
        long clientCpuAtWindowStart = 0;
        var now = start;
        try
        {
            while (true)
            {
                while (nextToOpen < listeners.Length && start + nextToOpen * ticksPerConnect <= now)
                {
                    Open(ref listeners[nextToOpen], nextToOpen, now, lifetimeTicks);
                    nextToOpen++;
                }

                // Connect times only grow and lifetimes are equal, so planned departures come in index order.
                while (nextToRetire < nextToOpen && listeners[nextToRetire].PlannedCloseTicks <= now)
                {
                    if (listeners[nextToRetire].Stage is not ListenerStage.Closed)
                        Close(ref listeners[nextToRetire], ListenerOutcome.ClosedAsPlanned, now);
                    nextToRetire++;
                }

                if (!_windowOpen && now >= windowStart)
                {
                    StartSteadySpans(listeners, now);
                    _windowOpen = true;
                    clientCpuAtWindowStart = ProcStats.ReadSelfCpuTicks();
                    onWindowStart?.Invoke();
                }

                if (_windowOpen && now >= windowEnd) break;

                var nextDeadline = _windowOpen ? windowEnd : windowStart;
                if (nextToOpen < listeners.Length)
                    nextDeadline = Math.Min(nextDeadline, start + nextToOpen * ticksPerConnect);
                if (nextToRetire < nextToOpen)
                    nextDeadline = Math.Min(nextDeadline, listeners[nextToRetire].PlannedCloseTicks);
                // Rounded up: a zero timeout just before a deadline would spin the loop instead of sleeping.
                var timeoutMs = (int)Math.Clamp(((nextDeadline - now) * 1000 + frequency - 1) / frequency, 0, MaxWaitMs);

                var ready = _epoll.Wait(events, timeoutMs);
                now = Stopwatch.GetTimestamp();
                for (var i = 0; i < ready; i++)
                {
                    var index = (int)events[i].Data;
                    Handle(ref listeners[index], index, events[i].Events, now);
                }
            }

            var clientCpuTicks = ProcStats.ReadSelfCpuTicks() - clientCpuAtWindowStart;
            onWindowEnd?.Invoke();
            var (expectedAtEnd, playingAtEnd) = FinishAtWindowEnd(listeners, nextToOpen, now);
            return new LoadRun(
                listeners,
                windowStart,
                now,
                expectedAtEnd,
                playingAtEnd,
                ProcStats.CpuPercentOfOneCore(clientCpuTicks, (now - windowStart) / (double)frequency),
                _latencies,
                _failureReasons);
        }
        finally
        {
            // Only reached with sockets still open when the run was cut short by an exception.
            CloseAll(listeners);
        }
    }

    private static void CloseAll(ListenerState[] listeners)
    {
        foreach (ref var listener in listeners.AsSpan())
        {
            if (listener.Stage is ListenerStage.Connecting or ListenerStage.AwaitingHeaders or ListenerStage.Streaming)
            {
                close(listener.Fd);
                listener.Stage = ListenerStage.Closed;
            }
        }
    }

    private void Open(ref ListenerState listener, int index, long now, long lifetimeTicks)
    {
        listener.ConnectStartTicks = now;
        listener.PlannedCloseTicks = lifetimeTicks == long.MaxValue ? long.MaxValue : now + lifetimeTicks;
        listener.Stage = ListenerStage.Connecting;
        listener.Fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (listener.Fd < 0)
        {
            FailConnect(ref listener, Marshal.GetLastPInvokeError(), now);
            return;
        }

        var enable = 1;
        setsockopt(listener.Fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, &enable, sizeof(int));
        var source = InetAddress(new IPAddress([127, 0, 0, (byte)(1 + index % SourceAddressCount)]), 0);
        var destination = _server;
        if (bind(listener.Fd, &source, sizeof(SockAddrIn)) != 0
            || (connect(listener.Fd, &destination, sizeof(SockAddrIn)) != 0 && Marshal.GetLastPInvokeError() != EINPROGRESS))
        {
            FailConnect(ref listener, Marshal.GetLastPInvokeError(), now);
            return;
        }
        _epoll.Add(listener.Fd, EPOLLOUT, (ulong)index);
    }

    private void Handle(ref ListenerState listener, int index, uint events, long now)
    {
        switch (listener.Stage)
        {
            case ListenerStage.Connecting:
                CompleteConnect(ref listener, index, events, now);
                break;
            case ListenerStage.AwaitingHeaders or ListenerStage.Streaming:
                Receive(ref listener, now);
                break;
        }
    }

    private void CompleteConnect(ref ListenerState listener, int index, uint events, long now)
    {
        int error = 0, length = sizeof(int);
        getsockopt(listener.Fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0 || (events & (EPOLLERR | EPOLLHUP)) != 0)
        {
            FailConnect(ref listener, error, now);
            return;
        }

        fixed (byte* request = _request)
        {
            if (send(listener.Fd, request, _request.Length, MSG_NOSIGNAL) != _request.Length)
            {
                FailConnect(ref listener, Marshal.GetLastPInvokeError(), now);
                return;
            }
        }
        listener.Stage = ListenerStage.AwaitingHeaders;
        _epoll.Modify(listener.Fd, EPOLLIN, (ulong)index);
    }

    private void Receive(ref ListenerState listener, long now)
    {
        nint received;
        fixed (byte* buffer = _receiveBuffer)
            received = recv(listener.Fd, buffer, _receiveBuffer.Length, 0);

        var errno = received < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (errno is EAGAIN or EINTR) return;
        if (received <= 0)
        {
            CountFailure(received == 0 ? "closed by server" : Marshal.GetPInvokeErrorMessage(errno));
            Close(ref listener, ListenerOutcome.ClosedByServer, now);
            return;
        }

        var data = new ReadOnlySpan<byte>(_receiveBuffer, 0, (int)received);
        if (listener.Stage is ListenerStage.Streaming)
        {
            OnAudio(ref listener, data, now);
            return;
        }

        // Headers almost always arrive whole in the first read; only a split response needs a buffer.
        if (listener.HeaderBuffer is null && data.IndexOf("\r\n\r\n"u8) is var end and >= 0)
        {
            AcceptResponse(ref listener, data[..end], data[(end + 4)..], now);
            return;
        }

        listener.HeaderBuffer ??= new byte[MaxHeaderBytes];
        var copied = Math.Min(data.Length, MaxHeaderBytes - listener.HeaderLength);
        data[..copied].CopyTo(listener.HeaderBuffer.AsSpan(listener.HeaderLength));
        listener.HeaderLength += copied;
        var headers = listener.HeaderBuffer.AsSpan(0, listener.HeaderLength);
        var headerEnd = headers.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            if (listener.HeaderLength == MaxHeaderBytes) Close(ref listener, ListenerOutcome.BadStatus, now);
            return;
        }

        var audioInHeaderBuffer = listener.HeaderBuffer.AsSpan(headerEnd + 4, listener.HeaderLength - headerEnd - 4).ToArray();
        AcceptResponse(ref listener, headers[..headerEnd], audioInHeaderBuffer, now);
        if (listener.Stage is ListenerStage.Streaming) OnAudio(ref listener, data[copied..], now);
    }

    private void AcceptResponse(ref ListenerState listener, ReadOnlySpan<byte> headers, ReadOnlySpan<byte> audio, long now)
    {
        listener.HeaderBuffer = null;
        var status = ParseStatusCode(headers);
        if (status != 200)
        {
            CountFailure($"HTTP status {status}");
            Close(ref listener, ListenerOutcome.BadStatus, now);
            return;
        }
        listener.Stage = ListenerStage.Streaming;
        OnAudio(ref listener, audio, now);
    }

    /// <summary>Accepts "HTTP/1.x 200 ..." as well as the SHOUTcast-style "ICY 200 OK".</summary>
    private static int ParseStatusCode(ReadOnlySpan<byte> headers)
    {
        var firstSpace = headers.IndexOf((byte)' ');
        if (firstSpace < 0 || headers.Length < firstSpace + 4) return 0;
        return int.TryParse(headers.Slice(firstSpace + 1, 3), out var code) ? code : 0;
    }

    private void OnAudio(ref ListenerState listener, ReadOnlySpan<byte> audio, long now)
    {
        if (audio.IsEmpty) return;

        if (!listener.HasFirstByte)
        {
            listener.FirstByteTicks = now;
            if (_scenario.Lifetime == TimeSpan.Zero)
            {
                listener.AudioBytes += audio.Length;
                Close(ref listener, ListenerOutcome.ClosedAsPlanned, now);
                return;
            }
        }
        else
        {
            listener.MaxGapTicks = Math.Max(listener.MaxGapTicks, now - listener.LastReceiveTicks);
            if (_windowOpen)
                listener.WindowMaxGapTicks = Math.Max(listener.WindowMaxGapTicks, now - Math.Max(listener.LastReceiveTicks, _windowStart));
        }
        if (_windowOpen) listener.WindowReads++;
        listener.LastReceiveTicks = now;
        listener.AudioBytes += audio.Length;

        // Counted from just after this read, so the span holds only data that arrived inside it.
        if (_windowOpen && !listener.SteadyStarted && now - listener.FirstByteTicks >= BurstGraceTicks)
        {
            listener.SteadyStarted = true;
            listener.SteadyStartTicks = now;
            listener.SteadyStartBytes = listener.AudioBytes;
        }

        if (_windowOpen) FindLatencyMarkers(ref listener, audio, now);
    }

    /// <summary>
    /// Every listener's every marker counts. The read is searched where it lies; only a marker split across two
    /// reads needs the previous read's tail, so just the seam (at most 2 × 15 bytes) is copied.
    /// </summary>
    private void FindLatencyMarkers(ref ListenerState listener, ReadOnlySpan<byte> audio, long now)
    {
        listener.MarkerCarry ??= new byte[LatencyMarker.Length - 1];
        if (listener.MarkerCarryLength > 0)
        {
            var seam = _markerSeam.AsSpan();
            listener.MarkerCarry.AsSpan(0, listener.MarkerCarryLength).CopyTo(seam);
            var head = Math.Min(audio.Length, LatencyMarker.Length - 1);
            audio[..head].CopyTo(seam[listener.MarkerCarryLength..]);
            seam = seam[..(listener.MarkerCarryLength + head)];
            // Only a marker that starts in the carried tail: one wholly inside this read is found below.
            var found = seam.IndexOf(LatencyMarker.Magic);
            if (found >= 0 && found < listener.MarkerCarryLength && LatencyMarker.TryRead(seam[found..], out var split))
                CountMarker(split, now);
        }

        var rest = audio;
        while (LatencyMarker.Find(rest, out var sequence, out var end))
        {
            CountMarker(sequence, now);
            rest = rest[end..];
        }

        var keep = Math.Min(audio.Length, listener.MarkerCarry.Length);
        audio[^keep..].CopyTo(listener.MarkerCarry);
        listener.MarkerCarryLength = keep;
    }

    private void CountMarker(int sequence, long now)
    {
        if (_markerSentTicks?.Invoke(sequence) is { } sentTicks)
            _latencies.Add((now - sentTicks) * 1000.0 / Stopwatch.Frequency);
    }

    private void StartSteadySpans(ListenerState[] listeners, long now)
    {
        for (var i = 0; i < listeners.Length; i++)
        {
            ref var listener = ref listeners[i];
            if (listener.Stage is ListenerStage.Streaming && listener.HasFirstByte
                && now - listener.FirstByteTicks >= BurstGraceTicks)
            {
                listener.SteadyStarted = true;
                listener.SteadyStartTicks = now;
                listener.SteadyStartBytes = listener.AudioBytes;
            }
        }
    }

    private (int ExpectedAtEnd, int PlayingAtEnd) FinishAtWindowEnd(ListenerState[] listeners, int opened, long now)
    {
        int expected = 0, playing = 0;
        for (var i = 0; i < opened; i++)
        {
            ref var listener = ref listeners[i];
            var settledIn = now - listener.ConnectStartTicks >= StartupAllowanceTicks;
            if (settledIn && listener.PlannedCloseTicks > now && _scenario.Lifetime != TimeSpan.Zero) expected++;
            if (listener.Stage is ListenerStage.Closed) continue;

            if (listener.HasFirstByte)
            {
                listener.MaxGapTicks = Math.Max(listener.MaxGapTicks, now - listener.LastReceiveTicks);
                listener.WindowMaxGapTicks = Math.Max(listener.WindowMaxGapTicks, now - Math.Max(listener.LastReceiveTicks, _windowStart));
                if (settledIn && listener.Stage is ListenerStage.Streaming && now - listener.LastReceiveTicks <= PlayingThresholdTicks)
                    playing++;
            }
            Close(ref listener, ListenerOutcome.ClosedAtWindowEnd, now);
        }
        return (expected, playing);
    }

    private void FailConnect(ref ListenerState listener, int errno, long now)
    {
        CountFailure(errno == 0 ? "connection reset" : Marshal.GetPInvokeErrorMessage(errno));
        Close(ref listener, ListenerOutcome.ConnectFailed, now);
    }

    private void CountFailure(string reason) => _failureReasons[reason] = _failureReasons.GetValueOrDefault(reason) + 1;

    private void Close(ref ListenerState listener, ListenerOutcome outcome, long now)
    {
        if (listener.Fd >= 0 && listener.Stage is not ListenerStage.Closed) close(listener.Fd);
        listener.StageWhenClosed = listener.Stage;
        listener.Fd = -1;
        listener.Stage = ListenerStage.Closed;
        listener.Outcome = outcome;
        listener.CloseTicks = now;
        listener.HeaderBuffer = null;
        listener.MarkerCarry = null;
        if (_windowOpen && listener.SteadyStarted && !listener.SteadyEnded)
        {
            listener.SteadyEnded = true;
            listener.SteadyEndTicks = now;
            listener.SteadyEndBytes = listener.AudioBytes;
        }
    }
}
