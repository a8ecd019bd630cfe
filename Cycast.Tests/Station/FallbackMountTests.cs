using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Icecast's fallback mounts: a mount whose source goes hands its listeners to its <c>fallback_mount</c> on the same
/// connection, sends newcomers there while it has no source, and with <c>fallback_override</c> takes them all back
/// when a source returns; with <c>fallback_when_full</c>, a full mount sends newcomers on instead of refusing them.
/// </summary>
public sealed class FallbackMountTests
{
    internal const int Metaint = 1000;

    internal static readonly StationOptions LiveWithAutomation = new()
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
        var (automation, automationAudio) = await LiveWithTitleAsync(station.SourcePort, "/automation", "Automation - Music");
        await using var automationEncoder = automation;
        await using var automationStreamer = automationAudio;
        var (live, liveAudio) = await LiveWithTitleAsync(station.SourcePort, "/live", "Live - Show");
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
        var (back, backAudio) = await LiveWithTitleAsync(station.SourcePort, "/live", "Live - Again");
        await using var backEncoder = back;
        await using var backStreamer = backAudio;
        await TitleAsync(listener, "Live - Again");
        await TitleAsync(newcomer, "Live - Again");
    }

    [Fact]
    public async Task A_full_mount_with_fallback_when_full_sends_the_next_listener_to_its_fallback()
    {
        await using var station = await TestStation.StartAsync(LiveWithAutomation);
        var (automation, automationAudio) = await LiveWithTitleAsync(station.SourcePort, "/automation", "Automation - Music");
        await using var automationEncoder = automation;
        await using var automationStreamer = automationAudio;
        var (full, fullAudio) = await LiveWithTitleAsync(station.SourcePort, "/full", "Full - House");
        await using var fullEncoder = full;
        await using var fullStreamer = fullAudio;
        var (first, _) = await TestListener.ConnectAsync(station, "/full", icy: true);
        await using var _ = first;
        await TitleAsync(first, "Full - House");

        var (second, head) = await TestListener.ConnectAsync(station, "/full", icy: true);
        await using var __ = second;

        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await TitleAsync(second, "Automation - Music");
    }

    /// <summary>An encoder live on <paramref name="mount"/> through <paramref name="sourcePort"/>, playing in real time, titled <paramref name="title"/>.</summary>
    internal static async Task<(RawClient Encoder, FrameStreamer Audio)> LiveWithTitleAsync(int sourcePort, string mount, string title)
    {
        var (encoder, reply) = await TestEncoder.SourceAsync(sourcePort, mount);
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        var audio = FrameStreamer.Start(encoder);
        using var set = await TestEncoder.MetadataAsync(sourcePort, $"mount={mount}&mode=updinfo&song={Uri.EscapeDataString(title)}");
        set.EnsureSuccessStatusCode();
        return (encoder, audio);
    }

    private static Task TitleAsync(RawClient listener, string title) => IcyTitles.WaitForAsync(listener, Metaint, title, MountEvents.Patience);
}
