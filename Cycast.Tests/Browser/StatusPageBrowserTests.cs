using Cycast.Tests.Support;
using Microsoft.Playwright;

namespace Cycast.Tests.Browser;

/// <summary>The status page as a person sees it: in Chromium, with its player actually playing the live stream.</summary>
public sealed class StatusPageBrowserTests
{
    [Fact]
    public async Task The_status_pages_player_plays_the_live_stream_and_the_page_shows_it_live()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { BurstSize = 65536 });
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(station.Url("/").ToString());
        // While it is live, the source's own ice-name is the station's name.
        Assert.Equal("FFmpegRadio", await page.TextContentAsync("#station"));
        Assert.Equal("Connected", await page.TextContentAsync("#source"));

        await page.EvaluateAsync("document.getElementById('player').play()");
        await page.WaitForFunctionAsync("document.getElementById('player').currentTime > 1.5", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Null(await page.EvaluateAsync<string?>("document.getElementById('player').error?.message ?? null"));
        // The page refreshes itself from /api/status: the listener the player made shows up without a reload.
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '1'", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        // So does the table of listeners per node and mount: this node's row, /stream's column and the total.
        var self = Akka.Cluster.Cluster.Get(station.System).SelfAddress.ToString();
        Assert.Equal([self, "1", "1"], await page.Locator($"#spread tbody tr[data-node='{self}'] > *").AllTextContentsAsync());
        Assert.Equal(["Cluster", "1", "1"], await page.Locator("#spread tfoot tr > *").AllTextContentsAsync());
    }
}
