using Cycast.Tests.Support;

namespace Cycast.Tests.Relays;

/// <summary>
/// A relay over HTTPS: a Cycast node serving TLS with a certificate of the test's own CA (made with openssl), an ffmpeg
/// encoder on it, and a second node relaying it, trusting that CA through <c>ca_file</c>, or not trusting it at all.
/// </summary>
public sealed class RelayHttpsTests
{
    [Fact]
    public async Task A_relay_pulls_over_https_trusting_the_stations_own_ca_and_never_an_upstream_it_cannot_trust()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var (certificate, key) = await certificates.IssueAsync("upstream", serial: 4242);
        var httpsPort = FreePort.Next();
        await using var upstream = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""
                tls {
                  certificate = "{{certificate}}"
                  key = "{{key}}"
                  https_port = {{httpsPort}}
                }
                """,
        });
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(upstream);
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""
                mount "/trusted" {
                  relay {
                    url = "https://127.0.0.1:{{httpsPort}}/stream"
                    ca_file = "{{certificates.CaFile}}"
                  }
                }
                mount "/untrusted" {
                  relay {
                    url = "https://127.0.0.1:{{httpsPort}}/stream"
                    retry_seconds = 30
                  }
                }
                """,
        });

        await station.Logs.WaitForAsync(line => line.Contains($"Relay /trusted is live from https://127.0.0.1:{httpsPort}/stream: audio/mpeg", StringComparison.Ordinal));
        await FfmpegStation.AssertDecodesAsync(station, "/trusted", "mp3", TimeSpan.FromSeconds(2));
        await station.Logs.WaitForAsync(line => line.Contains($"Relay /untrusted: cannot pull https://127.0.0.1:{httpsPort}/stream: The remote certificate is invalid", StringComparison.Ordinal));
        Assert.DoesNotContain(station.Logs.Lines, line => line.Contains("Relay /untrusted is live", StringComparison.Ordinal));
    }
}
