using Cycast.Tests.Support;
using Microsoft.Playwright;

namespace Cycast.Tests.Tls;

/// <summary>The status page over HTTPS in Chromium: pages over HTTP/2, the player's stream over HTTP/1.1, /api/live as wss://.</summary>
public sealed class HttpsBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Chromium_loads_the_status_page_over_https_and_its_player_plays_the_stream()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var (certificate, key) = await certificates.IssueAsync("server", 4097);
        var httpsPort = FreePort.Next();
        await using var node = ClusterNode.Start(new StationOptions
        {
            ExtraBlocks = $$"""
                tls {
                  certificate = "{{certificate}}"
                  key = "{{key}}"
                  https_port = {{httpsPort}}
                }
                """,
        }, FreePort.Next(), []);
        await node.WhenServingAsync(Patience);
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=300 -c:a libmp3lame -b:a 128k " +
            $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{node.SourcePort}/stream");
        await node.WaitUntilAsync(() => node.HoldsEncoderAsync("/stream"), Patience);

        await using var chromium = await TestBrowser.LaunchAsync();
        // The test's CA is not in Chromium's store; the certificate itself is checked by the curl and SslStream tests.
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"https://127.0.0.1:{httpsPort}/");
        Assert.Equal(200, response!.Status);
        Assert.Equal("h2", await page.EvaluateAsync<string>("performance.getEntriesByType('navigation')[0].nextHopProtocol"));
        Assert.Equal("Connected", await page.TextContentAsync("#source"));

        await page.EvaluateAsync("document.getElementById('player').play()");
        await page.WaitForFunctionAsync("document.getElementById('player').currentTime > 1.5", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        // The player's connection is a listener, and the page hears of it over wss:// /api/live.
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '1'", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
    }
}
