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
}
