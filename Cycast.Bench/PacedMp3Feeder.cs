using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cycast.Bench;

/// <summary>
/// A live source: sends an MP3 file in a loop at exactly its playing speed over the Icecast
/// PUT protocol, as ffmpeg does, and can stamp latency markers into frames as it sends them.
/// </summary>
internal sealed class PacedMp3Feeder : IAsyncDisposable
{
    /// <summary>About four frames per write: close to what live encoders send, without a syscall per frame.</summary>
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>Past the 4-byte header and the 32-byte MPEG-1 stereo side information, inside the audio payload.</summary>
    private const int MarkerOffsetInFrame = 36;

    private readonly Socket _socket;
    private readonly Mp3Stream _audio;
    private readonly TimeSpan? _markerInterval;
    private readonly ConcurrentDictionary<int, long> _markerSentTicks = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeding;

    private PacedMp3Feeder(Socket socket, Mp3Stream audio, TimeSpan? markerInterval)
    {
        _socket = socket;
        _audio = audio;
        _markerInterval = markerInterval;
        _feeding = Task.Run(() => FeedAsync(_stop.Token));
    }

    /// <summary>Set when the server dropped the source or a write failed.</summary>
    public Exception? Failure { get; private set; }

    public static async Task<PacedMp3Feeder> StartAsync(
        IPEndPoint server, Mp3Stream audio, TimeSpan? markerInterval, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            var credentials = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{StreamSettings.SourceUser}:{StreamSettings.SourcePassword}"));
            var request =
                $"PUT {StreamSettings.MountPoint} HTTP/1.1\r\n" +
                $"Host: {server}\r\n" +
                $"Authorization: Basic {credentials}\r\n" +
                "User-Agent: cycast-bench\r\n" +
                "Content-Type: audio/mpeg\r\n" +
                "Ice-Name: cycast-bench\r\n" +
                "Ice-Public: 0\r\n" +
                "Expect: 100-continue\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken);

            var status = await ReadStatusLineAsync(socket, cancellationToken);
            // Icecast answers "100 Continue" and then stays silent; other servers may answer 200 directly.
            if (!status.Contains(" 100 ") && !status.Contains(" 200 "))
                throw new InvalidOperationException($"source rejected: {status}");
            return new PacedMp3Feeder(socket, audio, markerInterval);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>When the frame carrying the marker was handed to the socket, in Stopwatch ticks.</summary>
    public long? MarkerSentTicks(int sequence) => _markerSentTicks.TryGetValue(sequence, out var ticks) ? ticks : null;

    private static async Task<string> ReadStatusLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (read == 0) break;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n")) return text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        }
        throw new InvalidOperationException("source connection closed before a response");
    }

    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var frames = _audio.Frames;
        var frameTicks = _audio.FrameDuration.Ticks;
        var chunk = new byte[256 * 1024];
        var nextFrame = 0;
        long framesSent = 0;
        var nextMarkerTicks = _markerInterval?.Ticks ?? long.MaxValue;
        var markerSequence = 0;
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(SendInterval);
        try
        {
            do
            {
                // Due frames are derived from elapsed time, not from tick count, so timer jitter never accumulates.
                var elapsedTicks = Stopwatch.GetElapsedTime(started).Ticks;
                var length = 0;
                int? markerInChunk = null;
                while (framesSent * frameTicks <= elapsedTicks && length + frames[nextFrame].Length <= chunk.Length)
                {
                    var (offset, frameLength) = frames[nextFrame];
                    _audio.Data.AsSpan(offset, frameLength).CopyTo(chunk.AsSpan(length));
                    if (markerInChunk is null && framesSent * frameTicks >= nextMarkerTicks
                        && frameLength >= MarkerOffsetInFrame + LatencyMarker.Length)
                    {
                        LatencyMarker.Write(chunk.AsSpan(length + MarkerOffsetInFrame), markerSequence);
                        markerInChunk = markerSequence++;
                        nextMarkerTicks += _markerInterval!.Value.Ticks;
                    }
                    length += frameLength;
                    framesSent++;
                    nextFrame = (nextFrame + 1) % frames.Count;
                }

                if (length == 0) continue;
                if (markerInChunk is { } sequence) _markerSentTicks[sequence] = Stopwatch.GetTimestamp();
                await _socket.SendAsync(chunk.AsMemory(0, length), cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _feeding;
        _socket.Dispose();
        _stop.Dispose();
    }
}
