using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Icecast's fallback mounts: a mount whose source goes hands its listeners to its <c>fallback_mount</c> on the same
/// connection, sends newcomers there while it has no source, and with <c>fallback_override</c> takes them all back
/// when a source returns; with <c>fallback_when_full</c>, a full mount sends newcomers on instead of refusing them.
/// </summary>
public sealed class FallbackMountTests
{
    private const int Metaint = 1000;

    private static readonly StationOptions LiveWithAutomation = new()
    {
        IcyMetaint = Metaint,
        ExtraBlocks = """
            mount "/live" {
              fallback_mount    = "/automation"
              fallback_override = true
            }
            mount "/automation" { }
            mount "/full" {
              max_listeners      = 1
              fallback_mount     = "/automation"
              fallback_when_full = true
            }
            """,
    };

    [Fact]
    public async Task Listeners_hear_the_fallback_mount_while_the_source_is_gone_and_the_returning_source_takes_them_back()
    {
        await using var station = await TestStation.StartAsync(LiveWithAutomation);
        await using var automation = await TestEncoder.LiveAsync(station, "/automation");
        await using var automationAudio = FrameStreamer.Start(automation);
        await SetTitleAsync(station, "/automation", "Automation - Music");
        var live = await TestEncoder.LiveAsync(station, "/live");
        var liveAudio = FrameStreamer.Start(live);
        await SetTitleAsync(station, "/live", "Live - Show");
        var (listener, head) = await TestListener.ConnectAsync(station, "/live", icy: true);
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await TitleAsync(listener, "Live - Show");

        // The live source goes: the same connection goes on with the fallback mount's audio and title.
        var gone = station.WhenSourceAsync("/live", live: false);
        await liveAudio.DisposeAsync();
        await live.DisposeAsync();
        await gone;
        await TitleAsync(listener, "Automation - Music");
        await station.Logs.WaitForAsync(line => line.Contains("moved from /live to /automation", StringComparison.Ordinal));

        // A newcomer to the source-less mount is served by its fallback.
        var (newcomer, newcomerHead) = await TestListener.ConnectAsync(station, "/live", icy: true);
        await using var __ = newcomer;
        Assert.StartsWith("HTTP/1.0 200 OK", newcomerHead);
        await TitleAsync(newcomer, "Automation - Music");

        // The source returns: fallback_override takes both back, neither reconnecting.
        await using var back = await TestEncoder.LiveAsync(station, "/live");
        await using var backAudio = FrameStreamer.Start(back);
        await SetTitleAsync(station, "/live", "Live - Again");
        await TitleAsync(listener, "Live - Again");
        await TitleAsync(newcomer, "Live - Again");
    }

    [Fact]
    public async Task A_full_mount_with_fallback_when_full_sends_the_next_listener_to_its_fallback()
    {
        await using var station = await TestStation.StartAsync(LiveWithAutomation);
        await using var automation = await TestEncoder.LiveAsync(station, "/automation");
        await using var automationAudio = FrameStreamer.Start(automation);
        await SetTitleAsync(station, "/automation", "Automation - Music");
        await using var full = await TestEncoder.LiveAsync(station, "/full");
        await using var fullAudio = FrameStreamer.Start(full);
        await SetTitleAsync(station, "/full", "Full - House");
        var (first, _) = await TestListener.ConnectAsync(station, "/full", icy: true);
        await using var _ = first;
        await TitleAsync(first, "Full - House");

        var (second, head) = await TestListener.ConnectAsync(station, "/full", icy: true);
        await using var __ = second;

        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await TitleAsync(second, "Automation - Music");
    }

    private static async Task SetTitleAsync(TestStation station, string mount, string title)
    {
        using var set = await TestEncoder.MetadataAsync(station.SourcePort, $"mount={mount}&mode=updinfo&song={Uri.EscapeDataString(title)}");
        set.EnsureSuccessStatusCode();
    }

    /// <summary>Reads ICY blocks until <paramref name="title"/> is announced: titles before it are the mount it was on.</summary>
    private static async Task TitleAsync(RawClient listener, string title)
    {
        using var patience = new CancellationTokenSource(MountEvents.Patience);
        while (await IcyTitles.NextNamedAsync(listener, Metaint).WaitAsync(patience.Token) != title)
        {
        }
    }
}
