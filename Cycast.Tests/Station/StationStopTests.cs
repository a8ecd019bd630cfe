using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>A node alone in its cluster stops at once: it has nobody to hand its mounts to and nothing to wait for.</summary>
public sealed class StationStopTests
{
    [Fact]
    public async Task A_lone_node_with_a_listener_stops_at_once_and_closes_the_listener_cleanly()
    {
        var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist);
        var (listener, head) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200", head);
        await listener.ReadExactlyAsync(4096);

        await station.DisposeAsync();

        // Akka says so when a phase of its shutdown runs out of time; the lone node's region used to wait 5 s for it.
        Assert.DoesNotContain(station.Logs.Lines, line => line.Contains("timed out", StringComparison.OrdinalIgnoreCase));
        // Closed by the node as it leaves, with a FIN, not reset when Kestrel's 30 s shutdown timeout ran out.
        Assert.True(await listener.EndsCleanlyAsync());
    }
}
