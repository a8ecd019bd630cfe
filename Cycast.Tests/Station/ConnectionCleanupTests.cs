using Cycast.Node.Connections;
using Cycast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cycast.Tests.Station;

/// <summary>
/// A node serves connections by the million over its life: whatever a connection takes from the node's shared state
/// goes back when it ends, and its log says it once.
/// </summary>
public sealed class ConnectionCleanupTests
{
    private const int Batches = 20, BatchSize = 100;

    [Fact]
    public async Task Listener_and_encoder_sessions_leave_no_registration_on_the_node_stopping_behind()
    {
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist);
        var stopping = station.Services.GetRequiredService<NodeStopping>();
        for (var batch = 1; batch <= Batches; batch++)
        {
            var listeners = await Task.WhenAll(Enumerable.Range(0, BatchSize).Select(_ => TestListener.ConnectAsync(station)));
            Assert.Equal(BatchSize, stopping.Watching);
            foreach (var (client, _) in listeners)
                await client.DisposeAsync();
            await station.Logs.WaitForCountAsync(line => line.Contains(" left /stream "), batch * BatchSize);
            Assert.Equal(0, stopping.Watching);
        }

        for (var source = 1; source <= 3; source++)
        {
            var gone = station.WhenSourceAsync("/live", live: false);
            await using (var encoder = await TestEncoder.LiveAsync(station, "/live"))
                await encoder.SendAsync(Mp3Frames.Make(10));
            // The mount lets the source go (so the next may take it), and the connection's handler ends.
            await gone;
            await station.Logs.WaitForCountAsync(line => line.Contains("Encoder for /live from ") && line.Contains(" is gone"), source);
        }
        Assert.Equal(0, stopping.Watching);
    }

    [Fact]
    public async Task A_listener_session_is_one_info_line()
    {
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist);
        await TestListener.HearAsync(station, "/stream");
        await station.Logs.WaitForAsync(line => line.Contains(" left /stream "));
        var before = station.Logs.Lines.Count(line => line.StartsWith("Information:", StringComparison.Ordinal));

        await TestListener.HearAsync(station, "/stream");
        await station.Logs.WaitForCountAsync(line => line.Contains(" left /stream "), 2);

        var lines = station.Logs.Lines.Where(line => line.StartsWith("Information:", StringComparison.Ordinal)).Skip(before).ToArray();
        var line = Assert.Single(lines);
        Assert.Matches(@"^Information: Listener \d+ from 127\.0\.0\.1:\d+ left /stream after \d+ s and \d+ bytes: client disconnected$", line);
    }
}
