using Microsoft.Playwright;

namespace Cycast.Tests.Support;

/// <summary>The system's Chromium (Debian's package), headless, driven through Playwright with the flags that work here.</summary>
public sealed class TestBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private TestBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<TestBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
            ],
        });
        return new TestBrowser(playwright, browser);
    }

    /// <summary>A page the size of a 400 px wide phone.</summary>
    public async Task<IPage> PhoneAsync(HttpCredentials? login = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 400, Height = 800 },
            HttpCredentials = login,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page the size of a desktop browser window.</summary>
    public async Task<IPage> DesktopAsync(HttpCredentials? login = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            HttpCredentials = login,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Whether the page is wider than its window, so a person would have to scroll sideways.</summary>
    public static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
