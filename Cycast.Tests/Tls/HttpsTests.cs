using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Tls;

/// <summary>The node's HTTPS port, with a certificate the test makes with openssl, and real clients: curl, ffmpeg, .NET's SslStream.</summary>
public sealed class HttpsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static StationOptions WithTls(string certificate, string key, int httpsPort, int sourceHttpsPort = 0) => new()
    {
        ExtraBlocks = $$"""
            tls {
              certificate = "{{certificate}}"
              key = "{{key}}"
              https_port = {{httpsPort}}
              source_https_port = {{sourceHttpsPort}}
            }
            """,
    };

    [Fact]
    public async Task An_encoder_streams_over_tls_to_the_source_https_port_and_players_hear_it()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var (certificate, key) = await certificates.IssueAsync("server", 4097);
        var sourceHttpsPort = FreePort.Next();
        await using var node = ClusterNode.Start(WithTls(certificate, key, FreePort.Next(), sourceHttpsPort), FreePort.Next(), []);
        await node.WhenServingAsync(Patience);
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=300 -c:a libmp3lame -b:a 128k " +
            $"-content_type audio/mpeg -tls 1 -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{sourceHttpsPort}/stream");
        await node.WaitUntilAsync(() => node.HoldsEncoderAsync("/stream"), Patience);
        var (listener, head) = await TestListener.ConnectAsync(node.ListenPort);
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await listener.ReadExactlyAsync(16384);
        Assert.False(encoder.HasExited, encoder.StandardError);
    }

    [Fact]
    public async Task Https_serves_the_api_over_http2_and_a_stream_ffmpeg_decodes()
    {
        using var certificates = await TestCertificates.CreateAsync();
        await using var live = await LiveHttpsNode.StartAsync(certificates);
        var url = $"https://127.0.0.1:{live.HttpsPort}";

        var status = ExternalProgram.Start("curl", "-sS", "--cacert", certificates.CaFile, $"{url}/api/status");
        var (code, body, error) = await status.ExitAsync();
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(body))
            Assert.Equal("Test Radio", json.RootElement.GetProperty("station_name").GetString());
        var http2 = ExternalProgram.Start("curl", "-sS", "--http2", "--cacert", certificates.CaFile, "-o", "/dev/null", "-w", "%{http_code} HTTP/%{http_version}", $"{url}/");
        Assert.Equal((0, "200 HTTP/2", ""), await http2.ExitAsync());

        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -tls_verify 1 -ca_file {certificates.CaFile} -i {url}/stream -t 2 -f null -");
        Assert.Equal((0, "", ""), await decoder.ExitAsync());
        // curl asks for the stream over HTTP/2, is told HTTP_1_1_REQUIRED, and gets it over HTTP/1.1 as a browser would.
        var player = ExternalProgram.Start("curl", "-sS", "--http2", "--cacert", certificates.CaFile, "-o", "/dev/null", "-m", "3", "-w", "%{http_code} HTTP/%{http_version}", $"{url}/stream");
        var (_, played, _) = await player.ExitAsync();
        Assert.StartsWith("200 HTTP/1", played);
    }

    [Fact]
    public async Task A_new_certificate_serves_new_connections_after_a_file_change_and_a_sighup_while_an_https_listener_keeps_playing()
    {
        using var certificates = await TestCertificates.CreateAsync();
        await using var live = await LiveHttpsNode.StartAsync(certificates);
        var (node, encoder, httpsPort, certificate, key) = live;

        var (listener, firstSerial) = await certificates.ConnectAsync(httpsPort);
        await using var _ = listener;
        Assert.Equal(TestCertificates.SerialOf(4097), firstSerial);
        Assert.StartsWith("HTTP/1.0 200 OK", await TestCertificates.GetStreamAsync(listener, "/stream"));
        // The listener reads on as a player does while the certificates change, so it is never a slow listener.
        var received = new ProgressCounter();
        var total = 0L;
        using var stop = new CancellationTokenSource();
        var playing = Task.Run(async () =>
        {
            var buffer = new byte[16384];
            for (int read; (read = await listener.ReadAsync(buffer, stop.Token)) > 0;)
                received.Set(total += read);
        });
        await received.WaitForAsync(8192);

        // (a) A renewal in place, as certbot's: the same paths, new contents, no signal.
        var (renewed, renewedKey) = await certificates.IssueAsync("renewed", 8193);
        File.Copy(renewedKey, key, overwrite: true);
        File.Copy(renewed, certificate, overwrite: true);
        await node.WaitForLogAsync($"serial {TestCertificates.SerialOf(8193)}", Patience);
        var (afterChange, changedSerial) = await certificates.ConnectAsync(httpsPort);
        await afterChange.DisposeAsync();
        Assert.Equal(TestCertificates.SerialOf(8193), changedSerial);

        // (b) Other files named in the configuration, applied by SIGHUP.
        var (moved, movedKey) = await certificates.IssueAsync("moved", 12289);
        await node.RewriteConfigAsync(config => config.Replace(certificate, moved).Replace(key, movedKey));
        node.Process.HangUp();
        await node.WaitForLogAsync($"serial {TestCertificates.SerialOf(12289)}", Patience);
        var (afterSighup, sighupSerial) = await certificates.ConnectAsync(httpsPort);
        await afterSighup.DisposeAsync();
        Assert.Equal(TestCertificates.SerialOf(12289), sighupSerial);

        // Two seconds of the encoder's 128 kbit/s, sent after both swaps, on the connection made before them.
        await received.WaitForAsync(Interlocked.Read(ref total) + 32768);
        Assert.False(playing.IsCompleted, "the HTTPS listener's stream ended");
        Assert.False(encoder.HasExited, encoder.StandardError);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_stops_start_up_naming_file_line_and_key()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var (certificate, _) = await certificates.IssueAsync("server", 4097);
        var (_, otherKey) = await certificates.IssueAsync("other", 8193);
        var config = Path.Combine(certificates.Directory, "bad.hcl");
        await File.WriteAllTextAsync(config, $"tls {{\n  certificate = \"{certificate}\"\n  key = \"{otherKey}\"\n}}\n");
        var check = ExternalProgram.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "--check-config", config);
        var (code, _, error) = await check.ExitAsync();
        Assert.Equal(2, code);
        Assert.StartsWith($"cycast: bad configuration: {config}:3:3: tls.key: {otherKey} is not the private key", error);
    }

    /// <summary>A node presenting a fresh certificate (serial 4097) on its HTTPS port, with an ffmpeg encoder live on /stream.</summary>
    private sealed record LiveHttpsNode(ClusterNode Node, ExternalProgram Encoder, int HttpsPort, string Certificate, string Key) : IAsyncDisposable
    {
        public static async Task<LiveHttpsNode> StartAsync(TestCertificates certificates)
        {
            var (certificate, key) = await certificates.IssueAsync("server", 4097);
            var httpsPort = FreePort.Next();
            var node = ClusterNode.Start(WithTls(certificate, key, httpsPort), FreePort.Next(), []);
            ExternalProgram? encoder = null;
            try
            {
                await node.WhenServingAsync(Patience);
                encoder = HttpsTests.Encoder(node);
                await node.WaitUntilAsync(() => node.HoldsEncoderAsync("/stream"), Patience);
                return new LiveHttpsNode(node, encoder, httpsPort, certificate, key);
            }
            catch
            {
                if (encoder is not null)
                    await encoder.DisposeAsync();
                await node.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Encoder.DisposeAsync();
            await Node.DisposeAsync();
        }
    }

    private static ExternalProgram Encoder(ClusterNode node) => ExternalProgram.Ffmpeg("ffmpeg",
        "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=300 -c:a libmp3lame -b:a 128k " +
        $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{node.SourcePort}/stream");
}
