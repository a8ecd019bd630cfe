using System.Net.Sockets;
using System.Text;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// Attacks on a node process as the internet would make them, with an honest encoder and player running throughout:
/// the attacker is refused, the honest player hears no gap over a second, and the node gives back what it took.
/// </summary>
public sealed class AbuseTests(ITestOutputHelper output)
{
    private const long MemorySlack = 50L * 1024 * 1024;

    [Fact]
    public async Task Oversize_heads_at_once_are_refused_and_their_memory_comes_back()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var honest = await HonestTraffic.StartAsync(node.SourcePort, node.ListenPort);
        var before = node.Process.ResidentBytes();

        var attackStart = HonestTraffic.Now;
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => OversizeHeadAsync(node.ListenPort)));
        Assert.All(replies, reply => Assert.True(reply.Length == 0 || reply.StartsWith("HTTP/1.0 431"), $"an oversize head was answered {reply}"));
        Assert.Contains(replies, reply => reply.StartsWith("HTTP/1.0 431"));
        var peak = node.Process.ResidentBytes();

        await node.WaitUntilAsync(() => Task.FromResult(node.Process.ResidentBytes() < before + MemorySlack), TimeSpan.FromSeconds(30));
        output.WriteLine($"RSS before {before >> 20} MiB, after the attack {peak >> 20} MiB, back to {node.Process.ResidentBytes() >> 20} MiB");
        honest.AssertNoGapSince(attackStart, "50 oversize heads");
    }

    [Fact]
    public async Task Slowloris_heads_are_closed_at_header_timeout_and_cost_the_honest_listener_nothing()
    {
        await using var node = ClusterNode.Start(new StationOptions { HeaderTimeoutSeconds = 2 }, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var honest = await HonestTraffic.StartAsync(node.SourcePort, node.ListenPort);
        var before = node.Process.ResidentBytes();

        var attackStart = HonestTraffic.Now;
        var closed = await Task.WhenAll(Enumerable.Range(0, 100).Select(async index =>
        {
            await using var client = await RawClient.ConnectAsync(index % 2 == 0 ? node.ListenPort : node.SourcePort);
            await client.SendAsync("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
            return await client.ReadToEndAsync();
        }));
        Assert.All(closed, Assert.Empty);

        await node.WaitUntilAsync(() => Task.FromResult(node.Process.ResidentBytes() < before + MemorySlack), TimeSpan.FromSeconds(30));
        honest.AssertNoGapSince(attackStart, "100 slowloris heads");
    }

    /// <summary>A 1 MiB header line with its end in the same write; the reply, or nothing when the node reset the connection.</summary>
    private static async Task<string> OversizeHeadAsync(int port)
    {
        await using var client = await RawClient.ConnectAsync(port);
        try
        {
            await client.SendAsync($"GET /stream HTTP/1.0\r\nX-Padding: {new string('a', 1024 * 1024)}\r\n\r\n");
        }
        catch (SocketException)
        {
            // The node refused the head before it had all of it, and closed the connection under the rest.
        }
        return Encoding.Latin1.GetString(await client.ReadToEndAsync());
    }
}
