using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Delivery;

/// <summary>
/// One player connected to a mount. Audio goes from the ring straight to the socket: the bytes handed to the kernel
/// are the ring's own memory, shared with every other listener, through one reused <see cref="SocketAsyncEventArgs"/>,
/// so keeping a listener fed allocates nothing. ICY blocks, when asked for, go out between runs of audio; they too
/// are shared, encoded once per title. What a wake has for the listener (audio, a block, more audio, the ring's
/// wrap-around) goes out in one gathered send (<see cref="GatheredSend"/>).
/// </summary>
/// <remarks>
/// <see cref="Wake"/> may be called from any thread at any time; one pump at a time sends (the <c>_pumping</c> flag),
/// continuing on the socket's completion callback when the kernel cannot take a piece at once. A session reads one
/// mount: a listener the admin moves to another mount goes on, on the same connection, in a new session.
/// </remarks>
public sealed class ListenerSession
{
    /// <summary>
    /// How long a send may wait on the socket before the listener counts as not taking what it is offered. A listener
    /// that keeps up drains even a burst of seconds of audio in milliseconds; only one whose socket stays full this
    /// long is judged by its backlog.
    /// </summary>
    public static readonly TimeSpan StallGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The kernel send buffer a listener's socket gets for a lag budget: a sixteenth of it, 8 KiB to 1 MiB (Linux
    /// doubles what is set). Left to itself the kernel grows it to megabytes, which a listener that reads nothing fills
    /// for minutes before a send is ever held and its backlog counts; kept this small, what the kernel holds is a small
    /// part of the budget, so such a listener is cut off seconds after its unsent audio passes the budget.
    /// </summary>
    public static int SendBufferFor(long lagBudget) => (int)Math.Clamp(lagBudget / 16, 8 * 1024, 1024 * 1024);

    private readonly Socket _socket;
    private readonly MountFeed _feed;
    private readonly IcyInterleaver? _icy;
    private readonly long _lagBudget;
    private readonly SocketAsyncEventArgs _send = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _quiet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _moves = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private ReadOnlyMemory<byte> _prefix;
    private ReadOnlyMemory<byte> _intro;
    private ReadOnlyMemory<byte> _streamHeader;
    private readonly GatheredSend _inFlight = new();
    // What of the pieces handed to the socket it has not taken yet, for other threads to read.
    private int _inFlightLength;
    private bool _blockDue;
    private long _edge;
    private long _next;
    private long _bytesSent;
    private long _sends;
    private int _pumping;
    // When the send the socket has not finished taking was handed to it (a Stopwatch timestamp); 0 while none waits.
    private long _sendWaitingSince;

    /// <param name="prefix">What precedes the audio: the response head, then any stream header (Ogg codec pages).</param>
    /// <param name="burstStart">Where in the stream this listener starts (a join point).</param>
    public ListenerSession(long id, string mountPath, string peer, Socket socket, MountFeed feed, IcyInterleaver? icy,
        ReadOnlyMemory<byte> prefix, long burstStart, long lagBudget)
    {
        Id = id;
        MountPath = mountPath;
        Peer = peer;
        _socket = socket;
        _feed = feed;
        _icy = icy;
        _prefix = prefix;
        _next = burstStart;
        _edge = burstStart;
        _lagBudget = lagBudget;
        // A listener moved here from another mount may have reached the place for a block there.
        _blockDue = icy?.IsBlockDue ?? false;
        _send.Completed += (_, _) => OnSendCompleted();
    }

    public long Id { get; }
    public string MountPath { get; }
    public string Peer { get; }

    /// <summary>The mount's feed this session reads.</summary>
    public MountFeed Feed => _feed;

    /// <summary>The listener's place in the ICY layout, which goes on across a move; null without ICY metadata.</summary>
    public IcyInterleaver? Icy => _icy;

    /// <summary>The listener's connection, which a session for another mount takes over after a move.</summary>
    public Socket Socket => _socket;

    /// <summary>The client's IP address: <see cref="Peer"/> without the port, or the address a trusted proxy forwarded.</summary>
    public string Address { get; init; } = "";

    public string UserAgent { get; init; } = "";

    /// <summary>When the listener connected: for one moved here from another mount, when it connected there.</summary>
    public DateTimeOffset ConnectedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>What this session sent, on its mount.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>The sends this session handed the socket: what the kernel's work for a listener follows.</summary>
    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>
    /// Audio the listener hears before the mount's (its intro), sent after the prefix; shared by every listener that
    /// hears it. With ICY metadata it is counted and cut into blocks as the mount's audio is.
    /// </summary>
    public ReadOnlyMemory<byte> Intro { init => _intro = value; }

    /// <summary>The mount's stream header (Ogg codec pages), sent after the intro, before the mount's audio.</summary>
    public ReadOnlyMemory<byte> StreamHeader { init => _streamHeader = value; }

    /// <summary>What the listener's connection was sent on the mounts it heard before this one.</summary>
    public long BytesSentOnEarlierMounts { get; init; }

    /// <summary>Destinations the admin asked to move the listener to, for whoever serves its connection.</summary>
    public ChannelReader<string> MoveRequests => _moves.Reader;

    /// <summary>This listener's place in its fan-out, kept by the fan-out.</summary>
    internal FanOutPartition? Partition { get; set; }

    internal int Slot { get; set; }

    /// <summary>Completes, with the reason, when the listener is done: it hung up, lagged out, or its socket failed.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>
    /// The stream now reaches <paramref name="edge"/>: send up to there, or give up on a listener whose socket has
    /// stopped taking what it is offered while more than the lag budget waits behind it. Audio that simply arrived
    /// fast (an encoder's backlog after a stalled uplink, a flush) is offered first: only the socket is judged.
    /// </summary>
    public void Wake(long edge)
    {
        long seen;
        while (edge > (seen = Interlocked.Read(ref _edge)) && Interlocked.CompareExchange(ref _edge, edge, seen) != seen)
        {
        }
        // Audio handed to the socket that the socket has not taken still waits for the listener.
        var backlog = edge - Interlocked.Read(ref _next) + Volatile.Read(ref _inFlightLength);
        if (backlog > _lagBudget && IsStalled())
        {
            End(CutOff(backlog));
            return;
        }
        if (Interlocked.Exchange(ref _pumping, 1) == 0)
            Pump();
    }

    private string CutOff(long backlog) =>
        $"cut off: its connection took nothing for over {StallGrace.TotalSeconds:0} s with {backlog} bytes waiting (lag budget {_lagBudget} bytes)";

    private bool IsStalled()
    {
        var since = Volatile.Read(ref _sendWaitingSince);
        return since != 0 && Stopwatch.GetElapsedTime(since) > StallGrace;
    }

    /// <summary>Ends the session (first reason wins); the caller then closes the connection, or hands it on.</summary>
    public void End(string reason) => _ended.TrySetResult(reason);

    /// <summary>Asks that the listener hear <paramref name="destination"/> from now on (Icecast's moveclients).</summary>
    public void RequestMove(string destination) => _moves.Writer.TryWrite(destination);

    /// <summary>
    /// Completes once an ended session has no send in flight, so its connection can be handed to another session
    /// without two of them writing to the socket.
    /// </summary>
    public Task QuietAsync()
    {
        if (!_ended.Task.IsCompleted)
            throw new InvalidOperationException("only an ended session goes quiet");
        // Taking the pump's flag keeps any later wake from sending; a pump already running sees the end and says so.
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
            _quiet.TrySetResult();
        return _quiet.Task;
    }

    /// <summary>Frees the socket operation; safe while a send is still in flight (it is freed when that completes).</summary>
    public void Release() => _send.Dispose();

    private void Pump()
    {
        while (true)
        {
            while (Gather())
            {
                Volatile.Write(ref _inFlightLength, _inFlight.Length);
                // The setter copies the list into the operation's own, reused list: no allocation.
                _send.BufferList = _inFlight.Pieces;
                Interlocked.Increment(ref _sends);
                // Stamped before the send starts, so a completion on another thread can never be overwritten by it.
                Volatile.Write(ref _sendWaitingSince, Stopwatch.GetTimestamp());
                bool pending;
                try
                {
                    pending = _socket.SendAsync(_send);
                }
                catch (Exception error) when (error is ObjectDisposedException or SocketException or InvalidOperationException)
                {
                    End("connection lost");
                    _quiet.TrySetResult();
                    return;
                }
                if (pending)
                    return;
                if (!SendSucceeded())
                {
                    _quiet.TrySetResult();
                    return;
                }
            }
            Volatile.Write(ref _pumping, 0);
            if (_ended.Task.IsCompleted)
            {
                _quiet.TrySetResult();
                return;
            }
            // A wake that came after the last check but before the flag was released must not be lost.
            if (!HasWork() || Interlocked.Exchange(ref _pumping, 1) != 0)
                return;
        }
    }

    private void OnSendCompleted()
    {
        if (SendSucceeded())
            Pump();
        else
            _quiet.TrySetResult();
    }

    private bool SendSucceeded()
    {
        Volatile.Write(ref _sendWaitingSince, 0);
        if (_send.SocketError != SocketError.Success || _send.BytesTransferred == 0)
        {
            End("connection lost");
            return false;
        }
        Interlocked.Add(ref _bytesSent, _send.BytesTransferred);
        _inFlight.Taken(_send.BytesTransferred);
        Volatile.Write(ref _inFlightLength, _inFlight.Length);
        return true;
    }

    private bool HasWork() => Volatile.Read(ref _inFlightLength) > 0 || !_prefix.IsEmpty || !_intro.IsEmpty || !_streamHeader.IsEmpty || _blockDue
        || Interlocked.Read(ref _next) < Interlocked.Read(ref _edge);

    /// <summary>
    /// Fills the next send: what the socket has not taken of the last one, then as many new pieces as are ready. After
    /// the end only the rest goes out: a listener moved to another mount must not lose half an ICY block, or the bytes
    /// the ICY count has already counted.
    /// </summary>
    private bool Gather()
    {
        if (!_ended.Task.IsCompleted)
        {
            while (!_inFlight.IsFull && NextPiece(out var piece))
                _inFlight.Add(piece);
        }
        return !_inFlight.IsEmpty;
    }

    /// <summary>The next bytes to hand the socket: the prefix, a due ICY block, the intro, the stream header, or audio.</summary>
    private bool NextPiece(out ReadOnlyMemory<byte> piece)
    {
        if (!_prefix.IsEmpty)
        {
            (piece, _prefix) = (_prefix, ReadOnlyMemory<byte>.Empty);
            return true;
        }
        if (_blockDue)
        {
            _blockDue = false;
            var nowPlaying = _feed.NowPlaying;
            piece = _icy!.TakeBlock(nowPlaying.Version, nowPlaying.IcyBlock);
            return true;
        }
        if (!_intro.IsEmpty)
        {
            piece = _icy is null ? _intro : _intro[.._icy.AudioBeforeBlock(_intro.Length)];
            _blockDue = _icy?.AudioSent(piece.Length) ?? false;
            _intro = _intro[piece.Length..];
            return true;
        }
        if (!_streamHeader.IsEmpty)
        {
            (piece, _streamHeader) = (_streamHeader, ReadOnlyMemory<byte>.Empty);
            return true;
        }
        var next = Interlocked.Read(ref _next);
        var edge = Interlocked.Read(ref _edge);
        if (next >= edge)
        {
            piece = default;
            return false;
        }
        var ring = _feed.Ring;
        if (!ring.Holds(next))
        {
            End($"cut off: fell {ring.WriteOffset - next} bytes behind, past the oldest audio the ring holds");
            piece = default;
            return false;
        }
        piece = ring.Read(next, edge);
        if (_icy is not null)
        {
            piece = piece[.._icy.AudioBeforeBlock(piece.Length)];
            _blockDue = _icy.AudioSent(piece.Length);
        }
        Interlocked.Exchange(ref _next, next + piece.Length);
        return true;
    }
}
