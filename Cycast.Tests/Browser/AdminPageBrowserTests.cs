using Cycast.Tests.Support;
using Microsoft.Playwright;

namespace Cycast.Tests.Browser;

/// <summary>
/// The admin page as an operator uses it on a phone, logged in as the admin block's user (who else is refused:
/// <see cref="Station.AdminApiTests"/>): live, and its buttons do what they say.
/// </summary>
public sealed class AdminPageBrowserTests
{
    private const string AdminPassword = "letmein";

    [Fact]
    public async Task On_a_phone_the_admin_page_lists_nodes_mounts_and_listeners_and_its_kick_disconnects_the_listener()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = $$"""admin { password = "{{AdminPassword}}" }""" });
        await using var chromium = await TestBrowser.LaunchAsync();

        var page = await chromium.PhoneAsync(new HttpCredentials { Username = "admin", Password = AdminPassword });
        await page.GotoAsync(station.Url("/admin/").ToString());
        var self = Akka.Cluster.Cluster.Get(station.System).SelfAddress.ToString();
        await page.WaitForSelectorAsync($"#nodes tr[data-key='{self}']");
        Assert.Contains("healthy", await page.TextContentAsync($"#nodes tr[data-key='{self}']"));
        // The node by its node_name, as the status page and `cycast top` call it, not by its Akka address.
        Assert.StartsWith(station.NodeName, await page.TextContentAsync($"#nodes tr[data-key='{self}'] td"));
        Assert.DoesNotContain("akka.tcp://", await page.TextContentAsync("main"));
        Assert.Contains("/stream", await page.TextContentAsync("#mounts tr[data-key='/stream']"));

        // The page follows /api/live: a listener that joins shows up without a reload.
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        var row = page.Locator("#listeners tbody tr");
        await row.WaitForAsync();
        var id = await row.GetAttributeAsync("data-key");
        Assert.Contains("cycast-tests", await row.TextContentAsync());
        Assert.False(await TestBrowser.ScrollsSidewaysAsync(page));

        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Kick" }).ClickAsync();
        await listener.ReadToEndAsync();
        await page.WaitForFunctionAsync($"document.getElementById('message').textContent === 'Client {id} removed'");
        await page.WaitForFunctionAsync("document.querySelectorAll('#listeners tbody tr').length === 0");
    }

    [Fact]
    public async Task At_desktop_width_cells_keep_words_whole_kill_source_is_only_on_live_mounts_and_moves_go_elsewhere()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""
                admin { password = "{{AdminPassword}}" }
                mount "/other" { }
                """,
        });
        await using var encoder = await TestEncoder.LiveAsync(station, "/other");
        await using var chromium = await TestBrowser.LaunchAsync();
        var page = await chromium.DesktopAsync(new HttpCredentials { Username = "admin", Password = AdminPassword });
        await page.GotoAsync(station.Url("/admin/").ToString());
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        var row = page.Locator("#listeners tbody tr");
        await row.WaitForAsync();
        await page.WaitForSelectorAsync("#mounts tr[data-key='/other']");
        await page.WaitForSelectorAsync("#mounts tr[data-key='/stream']");

        // /other has a live encoder; /stream has none (no playlist either), so nothing to kill there.
        await page.WaitForFunctionAsync("document.querySelector(\"#mounts tr[data-key='/other']\").textContent.includes('Kill source')");
        Assert.DoesNotContain("Kill source", await page.TextContentAsync("#mounts tr[data-key='/stream']"));

        // Each "to" list leaves out the mount the listeners are on, whichever is chosen.
        const string Destinations = "[...document.querySelectorAll('#move [name=to] option')].map(o => o.value)";
        foreach (var (from, to) in new[] { ("/stream", "/other"), ("/other", "/stream") })
        {
            await page.SelectOptionAsync("#move [name=from]", from);
            Assert.Equal([to], await page.EvaluateAsync<string[]>(Destinations));
        }

        // Human units: seconds and bytes as a person reads them, and no cell breaks inside a word.
        Assert.Matches(@"^\d+ s$", await row.Locator("td[data-label=Connected]").TextContentAsync());
        Assert.Matches(@"^\d+(\.\d)? (B|KiB|MiB)$", await row.Locator("td[data-label=Sent]").TextContentAsync());
        Assert.Equal("normal", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#listeners td')).overflowWrap"));
        Assert.False(await TestBrowser.ScrollsSidewaysAsync(page));
    }
}
