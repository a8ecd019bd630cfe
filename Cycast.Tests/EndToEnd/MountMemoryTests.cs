using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// Memory follows what is connected now: mounts that encoders made and left give their rings back. Forty mounts of the
/// spec's 10 MB ring each hold 400 MB of managed memory while they live; once they have gone, a node process's managed
/// heap is back under 100 MB after a few quiet seconds (an idle node allocates too little to collect by itself, so
/// before the fix the dead rings stayed until the next busy spell: measured, 273 MB resident became 432 MB over three
/// waves of 100 such mounts and never came down).
/// </summary>
public sealed class MountMemoryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const int Mounts = 40;

    /// <summary>The node gives the rings back a second after the last one went; this leaves it several times that.</summary>
    private static readonly TimeSpan IdleSpell = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_rings_of_mounts_that_went_away_are_given_back()
    {
        await using var node = ClusterNode.Start(new StationOptions { SizeMb = 10, MountIdleSeconds = 1 }, FreePort.Next(), []);
        await node.WhenServingAsync(Patience);
        var audio = Mp3Frames.Make((1 << 20) / Mp3Frames.FrameLength);
        await Task.WhenAll(Enumerable.Range(0, Mounts).Select(async index =>
        {
            var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort, $"/made-{index}");
            await using var _ = encoder;
            Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
            await encoder.SendAsync(audio);
        }));
        Assert.True(await ManagedBytesAsync(node) > Mounts * 10L << 20, "the mounts' rings were never allocated");

        await node.WaitUntilAsync(async () => !(await node.MetricsAsync()).Keys.Any(sample => sample.Labels.Contains("/made-")), Patience);
        // Then nothing at all for a while, as on a quiet station: no request (every scrape allocates, and enough of them
        // would make the runtime collect by itself), then one look.
        await Task.Delay(IdleSpell);
        Assert.InRange(await ManagedBytesAsync(node), 0, 100L << 20);
    }

    /// <summary>The node's managed heap, live objects and garbage not yet collected, as its metrics say.</summary>
    private static async Task<double> ManagedBytesAsync(ClusterNode node) => (await node.MetricsAsync())[("dotnet_total_memory_bytes", "")];
}
