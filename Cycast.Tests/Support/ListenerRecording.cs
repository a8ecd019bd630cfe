using System.Diagnostics;

namespace Cycast.Tests.Support;

/// <summary>
/// Reads a listener's stream in the background for as long as the test needs, keeping every byte and when each
/// piece arrived, so the test can tell the longest time the listener heard nothing.
/// </summary>
public sealed class ListenerRecording : IAsyncDisposable
{
    private readonly RawClient _client;
    private readonly MemoryStream _bytes = new();
    private readonly List<long> _arrivals = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiters = new();
    private readonly Task _reading;
    private volatile bool _stopping;

    private ListenerRecording(RawClient client)
    {
        _client = client;
        _reading = Task.Run(ReadAsync);
    }

    public static ListenerRecording Start(RawClient client) => new(client);

    public long Count
    {
        get { lock (_bytes) return _bytes.Length; }
    }

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
        return Task.WhenAny(reached.Task, _reading).Unwrap().WaitAsync(MountEvents.Patience);
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
            await _reading.WaitAsync(MountEvents.Patience);
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
            await _reading;
        }
        catch (Exception error) when (error is ObjectDisposedException or System.Net.Sockets.SocketException or OperationCanceledException or EndOfStreamException)
        {
        }
    }

    private async Task ReadAsync()
    {
        while (!_stopping)
        {
            var piece = await _client.ReadSomeAsync();
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
