using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cycast.Bench;

/// <summary>
/// A live source: sends an MP3 file in a loop at exactly its playing speed over the Icecast
/// PUT protocol, one frame per write as ffmpeg does (or in 100 ms chunks), with a latency marker
/// in every frame: the frame's sequence number, which maps back to the time it was written.
/// </summary>
internal sealed class PacedMp3Feeder : ILiveSource
{
    private static readonly TimeSpan ChunkInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>Past the 4-byte header and the 32-byte MPEG-1 stereo side information, inside the audio payload.</summary>
    private const int MarkerOffsetInFrame = 36;
    /// <summary>Write times of the frames sent so far: 2 MiB holds 1.9 hours of frames, longer than any phase.</summary>
    private const int MaxMarkedFrames = 1 << 18;

    private readonly Socket _socket;
    private readonly Mp3Stream _audio;
    private readonly bool _framePerWrite;
    private readonly long[] _frameSentTicks = new long[MaxMarkedFrames];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeding;
    private long _writes;

    private PacedMp3Feeder(Socket socket, Mp3Stream audio, bool framePerWrite)
    {
        _socket = socket;
        _audio = audio;
        _framePerWrite = framePerWrite;
        _feeding = Task.Run(() => FeedAsync(_stop.Token));
    }

    public Exception? Failure { get; private set; }

    public long Writes => Interlocked.Read(ref _writes);

    public static async Task<PacedMp3Feeder> StartAsync(
        IPEndPoint server, Mp3Stream audio, bool framePerWrite, CancellationToken cancellationToken)
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
            return new PacedMp3Feeder(socket, audio, framePerWrite);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public long? MarkerSentTicks(int sequence) =>
        sequence is >= 0 and < MaxMarkedFrames && Volatile.Read(ref _frameSentTicks[sequence]) is var ticks and not 0 ? ticks : null;

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
        var framesSent = 0;
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(_framePerWrite ? _audio.FrameDuration : ChunkInterval);
        try
        {
            do
            {
                // Due frames are derived from elapsed time, not from tick count, so timer jitter never accumulates.
                var elapsedTicks = Stopwatch.GetElapsedTime(started).Ticks;
                var length = 0;
                var firstInWrite = framesSent;
                while ((long)framesSent * frameTicks <= elapsedTicks && length + frames[nextFrame].Length <= chunk.Length)
                {
                    var (offset, frameLength) = frames[nextFrame];
                    var frame = chunk.AsSpan(length, frameLength);
                    _audio.Data.AsSpan(offset, frameLength).CopyTo(frame);
                    LatencyMarker.Write(frame[MarkerOffsetInFrame..], framesSent);
                    length += frameLength;
                    framesSent++;
                    nextFrame = (nextFrame + 1) % frames.Count;
                    // A late timer tick still writes each due frame on its own, as an encoder catching up would.
                    if (_framePerWrite)
                    {
                        await WriteAsync(chunk.AsMemory(0, length), firstInWrite, framesSent, cancellationToken);
                        length = 0;
                        firstInWrite = framesSent;
                    }
                }
                if (length > 0) await WriteAsync(chunk.AsMemory(0, length), firstInWrite, framesSent, cancellationToken);
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

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> frames, int firstFrame, int endFrame, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        for (var sequence = firstFrame; sequence < Math.Min(endFrame, MaxMarkedFrames); sequence++)
            Volatile.Write(ref _frameSentTicks[sequence], now);
        await _socket.SendAsync(frames, cancellationToken);
        Interlocked.Increment(ref _writes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _feeding;
        _socket.Dispose();
        _stop.Dispose();
    }
}
