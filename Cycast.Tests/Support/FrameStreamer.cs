namespace Cycast.Tests.Support;

/// <summary>
/// An encoder sending numbered MP3 frames (<see cref="Mp3Frames"/>) at a steady pace until disposed: a test can tell
/// from the frame numbers exactly what its listeners got, and whether its connection was ever closed under it. Like a
/// real encoder's, its writes do not line up with frames: each is <c>PieceBytes</c> of the frame sequence.
/// </summary>
public sealed class FrameStreamer : IAsyncDisposable
{
    private const int PieceBytes = 1000;

    /// <summary>The pace of a 128 kbit/s stream: one piece every 62.5 ms.</summary>
    public static readonly TimeSpan RealTime = TimeSpan.FromSeconds(PieceBytes / 16000.0);

    private readonly RawClient _encoder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _streaming;
    private long _sent;

    private FrameStreamer(RawClient encoder, TimeSpan pace)
    {
        _encoder = encoder;
        _streaming = Task.Run(() => StreamAsync(pace));
    }

    public static FrameStreamer Start(RawClient encoder, TimeSpan? pace = null) => new(encoder, pace ?? RealTime);

    /// <summary>How many whole frames have been sent: frames 0 to FramesSent - 1.</summary>
    public int FramesSent => (int)(Interlocked.Read(ref _sent) / Mp3Frames.FrameLength);

    private async Task StreamAsync(TimeSpan pace)
    {
        using var timer = new PeriodicTimer(pace);
        var frames = Array.Empty<byte>();
        var framesFrom = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var sent = Interlocked.Read(ref _sent);
                if (sent + PieceBytes > framesFrom + frames.Length)
                {
                    // The next hundred frames, starting with the one the next piece begins in.
                    var first = (int)(sent / Mp3Frames.FrameLength);
                    frames = Mp3Frames.Make(100, first);
                    framesFrom = (long)first * Mp3Frames.FrameLength;
                }
                await _encoder.SendAsync(frames.AsMemory((int)(sent - framesFrom), PieceBytes));
                Interlocked.Add(ref _sent, PieceBytes);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops sending (the connection stays open); fails if the connection had failed before.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _streaming;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _streaming.ContinueWith(_ => { });
        await _encoder.DisposeAsync();
        _stop.Dispose();
    }
}
