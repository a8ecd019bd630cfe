using Cycast.Tests.Station;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>
/// Fallback mounts across nodes: the encoders on one node, the listener on another, the returning source on a third;
/// the listener's own node moves it, asked once by the node running the mount's entity.
/// </summary>
public sealed class FallbackMountClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_listener_on_another_node_hears_the_fallback_and_the_returning_source_takes_it_back()
    {
        await using var cluster = await TestCluster.StartAsync(FallbackMountTests.LiveWithAutomation);
        var (encoders, listening, returning) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var (automation, automationAudio) = await FallbackMountTests.LiveWithTitleAsync(encoders.SourcePort, "/automation", "Automation - Music");
        await using var automationEncoder = automation;
        await using var automationStreamer = automationAudio;
        var (live, liveAudio) = await FallbackMountTests.LiveWithTitleAsync(encoders.SourcePort, "/live", "Live - Show");
        var (listener, head) = await TestListener.ConnectAsync(listening.ListenPort, "/live", icy: true);
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await TitleAsync(listener, "Live - Show");

        await liveAudio.DisposeAsync();
        await live.DisposeAsync();
        await TitleAsync(listener, "Automation - Music");

        var (back, backAudio) = await FallbackMountTests.LiveWithTitleAsync(returning.SourcePort, "/live", "Live - Again");
        await using var backEncoder = back;
        await using var backStreamer = backAudio;
        await TitleAsync(listener, "Live - Again");
        await listening.WaitForLogAsync("moved from /automation to /live", Patience);
    }

    private static Task TitleAsync(RawClient listener, string title) => IcyTitles.WaitForAsync(listener, FallbackMountTests.Metaint, title, Patience);
}
