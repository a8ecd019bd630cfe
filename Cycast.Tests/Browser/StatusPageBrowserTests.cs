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

        await using var chromium = await TestBrowser.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(station.Url("/").ToString());
        // While it is live, the source's own ice-name is the station's name.
        Assert.Equal("FFmpegRadio", await page.TextContentAsync("#station"));
        Assert.Equal("Connected", await page.TextContentAsync("#source"));

        await page.EvaluateAsync("document.getElementById('player').play()");
        await page.WaitForFunctionAsync("document.getElementById('player').currentTime > 1.5", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Null(await page.EvaluateAsync<string?>("document.getElementById('player').error?.message ?? null"));
        // The page follows /api/live: the listener the player made shows up without a reload.
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '1'", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        // So does the table of listeners per node and mount: this node's row, /stream's column and the total.
        var self = station.NodeName;
        Assert.Equal([self, "1", "1"], await page.Locator($"#spread tbody tr[data-node='{self}'] > *").AllTextContentsAsync());
        Assert.Equal(["Cluster", "1", "1"], await page.Locator("#spread tfoot tr > *").AllTextContentsAsync());
    }

    [Fact]
    public async Task On_a_phone_the_status_page_fits_the_screen_follows_a_listener_joining_within_3_s_and_charts_each_node()
    {
        await using var station = await TestStation.StartAsync();
        await using var chromium = await TestBrowser.LaunchAsync();
        var page = await chromium.PhoneAsync();
        await page.GotoAsync(station.Url("/").ToString());
        var self = station.NodeName;
        // The chart's line for this node is drawn from /api/history, and its legend names the node.
        await page.WaitForSelectorAsync($"#chart polyline[data-node='{self}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Contains(self, await page.TextContentAsync("#chart-legend"));
        Assert.False(await TestBrowser.ScrollsSidewaysAsync(page));

        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '1'", null,
            new PageWaitForFunctionOptions { Timeout = 3_000 });
        Assert.Equal([self, "1", "1"], await page.Locator($"#spread tbody tr[data-node='{self}'] > *").AllTextContentsAsync());
        await page.WaitForFunctionAsync($"document.getElementById('chart-legend').textContent.includes('{self}: 1')");
        Assert.False(await TestBrowser.ScrollsSidewaysAsync(page));
    }
}
