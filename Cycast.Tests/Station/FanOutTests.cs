using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>What an encoder sends is what every listener hears: byte for byte, in order, from a frame start.</summary>
public sealed class FanOutTests
{
    [Fact]
    public async Task Every_listener_receives_exactly_the_encoders_bytes()
    {
        await using var station = await TestStation.StartAsync();
        var listeners = new List<RawClient>();
        for (var i = 0; i < 3; i++)
        {
            var (client, head) = await TestListener.ConnectAsync(station);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            listeners.Add(client);
        }
        await using var encoder = await TestEncoder.LiveAsync(station);
        var audio = Mp3Frames.Make(300);
        foreach (var piece in audio.Chunk(1000))
            await encoder.SendAsync(piece);

        foreach (var listener in listeners)
        {
            Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
            await listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_late_listener_gets_a_burst_that_starts_on_a_frame_and_ends_at_the_live_edge()
    {
        const int burst = 16 * 1024;
        await using var station = await TestStation.StartAsync(new StationOptions { BurstSize = burst });
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (early, _) = await TestListener.ConnectAsync(station);
        var audio = Mp3Frames.Make(200);
        await encoder.SendAsync(audio);
        // A listener that has read everything proves the mount has taken every byte in.
        await using (early)
            Assert.Equal(audio, await early.ReadExactlyAsync(audio.Length));

        var (late, head) = await TestListener.ConnectAsync(station);
        await using (late)
        {
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            var received = await late.ReadExactlyAsync(Mp3Frames.FrameLength * 10);
            Assert.Equal(0xFF, received[0]);
            Assert.Equal(0xFB, received[1]);
            // It is some frame of the stream: find which, and check the burst runs from there to the live edge.
            var start = Enumerable.Range(0, 200).Select(frame => frame * Mp3Frames.FrameLength)
                .Single(offset => offset + received.Length <= audio.Length && audio.AsSpan(offset, received.Length).SequenceEqual(received));
            Assert.InRange(audio.Length - start, burst - 2 * Mp3Frames.FrameLength, burst);
            var rest = await late.ReadExactlyAsync(audio.Length - start - received.Length);
            Assert.Equal(audio[(start + received.Length)..], rest);
        }
    }

    [Fact]
    public async Task A_listener_that_stops_reading_is_cut_off_while_the_others_get_everything()
    {
        var options = new StationOptions { SizeMb = 32, QueueSize = 4 * 1024 * 1024 };
        await using var station = await TestStation.StartAsync(options);
        var (stalled, _) = await TestListener.ConnectAsync(station, receiveBuffer: 4096);
        var (healthy, _) = await TestListener.ConnectAsync(station);
        await using var encoder = await TestEncoder.LiveAsync(station);
        await station.WhenListenersAsync("/stream", 2);

        // Far more than the lag budget plus both kernels' socket buffers, so the stalled listener must fall behind.
        // The encoder never runs more than a megabyte ahead of the healthy listener, as a real-time encoder would
        // not: the healthy one is never the slow one, however busy the machine.
        var audio = Mp3Frames.Make(30_000);
        var received = new ProgressCounter();
        var sending = Task.Run(async () =>
        {
            var sent = 0;
            foreach (var piece in audio.Chunk(8192))
            {
                await received.WaitForAsync(sent - 1024 * 1024);
                await encoder.SendAsync(piece);
                sent += piece.Length;
            }
        });
        var healthyGot = new byte[audio.Length];
        for (var got = 0; got < audio.Length;)
        {
            var piece = await healthy.ReadExactlyAsync(Math.Min(64 * 1024, audio.Length - got));
            piece.CopyTo(healthyGot, got);
            got += piece.Length;
            received.Set(got);
        }
        // Compared as memory, in milliseconds: xunit's element-by-element Assert.Equal took 1.7 s of CPU for these 12 MB,
        // over 10 s on a loaded machine, and the encoder, silent meanwhile, was rightly dropped after source_timeout.
        Assert.Equal(audio.Length, audio.AsSpan().CommonPrefixLength(healthyGot));
        await sending;
        // Awaited from here, not from the start: on a busy machine the megabytes above take longer than its patience.
        var cutOff = station.WhenListenersAsync("/stream", 1);
        // The stalled socket is judged once it has held a send for over a second: the stream flows on meanwhile, as a
        // real-time encoder's would, and each write wakes the listeners.
        var frame = 30_000;
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(26)))
        {
            while (!cutOff.IsCompleted && frame < 31_000 && await pace.WaitForNextTickAsync())
                await encoder.SendAsync(Mp3Frames.Make(1, frame++));
        }
        await cutOff;
        await station.Logs.WaitForAsync(line => line.Contains("left /stream") && line.Contains("cut off"));
        // One info line says why it went; no failure with a stack trace comes with it.
        Assert.Single(station.Logs.Lines, line => line.Contains("cut off"));
        Assert.StartsWith("Information: Listener ", station.Logs.Lines.Single(line => line.Contains("cut off")));
        Assert.DoesNotContain(station.Logs.Lines, line => line.StartsWith("Error") || line.StartsWith("Critical"));

        var stalledGot = await stalled.ReadToEndAsync();
        Assert.True(stalledGot.Length < audio.Length, $"the stalled listener got {stalledGot.Length} of {audio.Length} bytes");
        await stalled.DisposeAsync();
        await healthy.DisposeAsync();
    }

    [Fact]
    public async Task A_listener_that_reads_nothing_is_cut_off_holding_little_more_than_a_small_kernel_buffer()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { QueueSize = 256 * 1024 });
        var (stalled, _) = await TestListener.ConnectAsync(station, receiveBuffer: 4096);
        await using var _ = stalled;
        await using var encoder = await TestEncoder.LiveAsync(station);
        var left = station.WhenListenersAsync("/stream", 0);

        // Twice the lag budget at once, then a real-time stream whose writes wake the listener until it is judged.
        await encoder.SendAsync(Mp3Frames.Make(1300));
        var frame = 1300;
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(26)))
        {
            while (!left.IsCompleted && frame < 2300 && await pace.WaitForNextTickAsync())
                await encoder.SendAsync(Mp3Frames.Make(1, frame++));
        }
        await left;
        await station.Logs.WaitForAsync(line => line.Contains("left /stream") && line.Contains("cut off"));

        // What the kernel took for it before it was cut: its send buffer (16 KiB for this budget, doubled) and the
        // player's receive buffer, not the megabytes an unbounded send buffer grows to.
        var line = station.Logs.Lines.Single(line => line.Contains("left /stream"));
        var bytes = long.Parse(System.Text.RegularExpressions.Regex.Match(line, @"and (\d+) bytes").Groups[1].Value);
        Assert.InRange(bytes, 1, 128 * 1024);
    }
}
