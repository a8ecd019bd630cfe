using System.Diagnostics;

namespace Cycast.Tests.Support;

/// <summary>
/// Reads a listener's stream in the background for as long as the test needs, keeping every byte and when each
/// piece arrived, so the test can tell the longest time the listener heard nothing. It reads on a thread of its own:
/// a busy thread pool in the test process (starting and stopping node processes) must not pass for silence.
/// </summary>
public sealed class ListenerRecording : IAsyncDisposable
{
    private readonly RawClient _client;
    private readonly MemoryStream _bytes = new();
    private readonly List<long> _arrivals = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiters = new();
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;

    private ListenerRecording(RawClient client)
    {
        _client = client;
        new Thread(Read) { IsBackground = true, Name = "listener recording" }.Start();
    }

    public static ListenerRecording Start(RawClient client) => new(client);

    public long Count
    {
        get { lock (_bytes) return _bytes.Length; }
    }

    /// <summary>Fails with <see cref="EndOfStreamException"/> when the server closes the connection.</summary>
    public Task Reading => _read.Task;

    /// <summary>Every byte received so far.</summary>
    public byte[] Received
    {
        get { lock (_bytes) return _bytes.ToArray(); }
    }

    /// <summary>Completes once <paramref name="count"/> bytes have arrived in all; fails if the connection ends first.</summary>
    public Task WaitForBytesAsync(long count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_bytes)
        {
            if (_bytes.Length >= count)
                return Task.CompletedTask;
            _waiters.Add((count, reached));
        }
        return Task.WhenAny(reached.Task, _read.Task).Unwrap().WaitAsync(MountEvents.Patience);
    }

    /// <summary>The longest wait for the next piece from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) to the last arrival.</summary>
    public TimeSpan LongestGapSince(long since) => LongestGapBetween(since, long.MaxValue);

    /// <summary>
    /// The longest the listener heard nothing between two <see cref="Stopwatch"/> timestamps: the waits between the
    /// pieces that arrived in that window, the wait from its start to the first, and, for a window that has closed,
    /// from the last to its end.
    /// </summary>
    public TimeSpan LongestGapBetween(long from, long to)
    {
        lock (_bytes)
        {
            var longest = TimeSpan.Zero;
            var previous = from;
            foreach (var arrival in _arrivals.Where(arrival => arrival > from && arrival <= to))
            {
                longest = Max(longest, Stopwatch.GetElapsedTime(previous, arrival));
                previous = arrival;
            }
            return to == long.MaxValue ? longest : Max(longest, Stopwatch.GetElapsedTime(previous, to));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Stops after the next piece (the stream must still flow), hangs up, and returns every byte received.</summary>
    public async Task<byte[]> StopAsync()
    {
        _stopping = true;
        try
        {
            await _read.Task.WaitAsync(MountEvents.Patience);
        }
        finally
        {
            await _client.DisposeAsync();
        }
        lock (_bytes)
            return _bytes.ToArray();
    }

    /// <summary>Hangs up, whether or not the stream still flows.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await _client.DisposeAsync();
        try
        {
            await _read.Task;
        }
        catch (Exception error) when (error is ObjectDisposedException or System.Net.Sockets.SocketException or OperationCanceledException or EndOfStreamException)
        {
        }
    }

    private void Read()
    {
        try
        {
            ReadUntilStopped();
            _read.TrySetResult();
        }
        catch (Exception error)
        {
            _read.TrySetException(error);
        }
    }

    private void ReadUntilStopped()
    {
        while (!_stopping)
        {
            var piece = _client.ReadSome();
            if (piece.Length == 0)
                throw new EndOfStreamException($"the listener was disconnected after {Count} bytes");
            lock (_bytes)
            {
                _arrivals.Add(Stopwatch.GetTimestamp());
                _bytes.Write(piece);
                foreach (var waiter in _waiters.Where(waiter => _bytes.Length >= waiter.Count).ToArray())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
