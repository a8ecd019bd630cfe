using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Reload;

/// <summary>SIGHUP on a running node process, as <c>systemctl reload cycast</c> sends it, with real encoders and listeners.</summary>
public sealed class SighupReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_reload_adds_a_mount_renames_the_station_and_changes_the_password_while_everyone_stays_connected()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(Patience);
        await using var encoder = Encoder(node, "/stream", TestStation.Password);
        await node.WaitUntilAsync(() => node.HoldsEncoderAsync("/stream"), Patience);
        var (first, firstHead) = await TestListener.ConnectAsync(node.ListenPort);
        await using var _ = first;
        var (second, secondHead) = await TestListener.ConnectAsync(node.ListenPort);
        await using var __ = second;
        Assert.StartsWith("HTTP/1.0 200 OK", firstHead);
        Assert.StartsWith("HTTP/1.0 200 OK", secondHead);
        await first.ReadExactlyAsync(8192);
        await second.ReadExactlyAsync(8192);

        await node.RewriteConfigAsync(config => config
            .Replace($"source_password = \"{TestStation.Password}\"", "source_password = \"reloaded-pw\"")
            .Replace("station_name = \"Test Radio\"", "station_name = \"Reloaded Radio\"")
            .Replace("size_mb = 2", "size_mb = 3")
            .Replace("verbose_logging = false", "verbose_logging = true")
            + "\nmount \"/added\" {\n  station_description = \"added by a reload\"\n}\n");
        node.Process.HangUp();
        await node.WaitForLogAsync("Configuration reloaded from", Patience);

        Assert.Contains("mounts added: /added", node.Process.StandardOutput);
        // Its own line, after the reload's.
        await node.WaitForLogAsync("not applied until restart:", Patience);
        Assert.Contains("not applied until restart: buffer.size_mb\n", node.Process.StandardOutput.ReplaceLineEndings("\n"));
        // 32 KiB is two seconds of the encoder's 128 kbit/s: audio sent after the reload, on the same connections.
        await first.ReadExactlyAsync(32768);
        await second.ReadExactlyAsync(32768);
        Assert.False(encoder.HasExited, encoder.StandardError);
        Assert.True(await node.HoldsEncoderAsync("/stream"));

        var (refused, refusal) = await TestEncoder.SourceAsync(node.SourcePort, "/added", TestStation.Password);
        await using var ___ = refused;
        Assert.StartsWith("HTTP/1.0 401", refusal);
        await using var added = Encoder(node, "/added", "reloaded-pw");
        await node.WaitUntilAsync(() => node.HoldsEncoderAsync("/added"), Patience);
        var (listener, head) = await TestListener.ConnectAsync(node.ListenPort, "/added");
        await using var ____ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await listener.ReadExactlyAsync(8192);
        // A debug line, which the node logs only since the reload turned verbose_logging on.
        await node.WaitForLogAsync("connected to /added from", Patience);

        using var status = JsonDocument.Parse(await Http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/api/status"));
        Assert.Equal("Reloaded Radio", status.RootElement.GetProperty("station_name").GetString());
        Assert.False(encoder.HasExited, encoder.StandardError);
    }

    [Fact]
    public async Task A_broken_file_is_refused_with_its_line_and_key_and_the_running_config_is_kept()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(Patience);

        await node.RewriteConfigAsync(config => config
            .Replace("station_name = \"Test Radio\"", "station_name = \"Never Applied\"")
            .Replace($"source_password = \"{TestStation.Password}\"", "source_password = \"\""));
        node.Process.HangUp();
        await node.WaitForLogAsync("Configuration not reloaded", Patience);

        var error = Assert.Single(node.Process.StandardOutput.Split('\n'), line => line.Contains("Configuration not reloaded"));
        Assert.Contains($"{node.ConfigPath}:5:3: server.source_password", error);
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort, "/stream", TestStation.Password);
        await using var _ = encoder;
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        using var status = JsonDocument.Parse(await Http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/api/status"));
        Assert.Equal("Test Radio", status.RootElement.GetProperty("station_name").GetString());
        Assert.False(node.Process.HasExited);
    }

    /// <summary>ffmpeg streaming a tone as 128 kbit/s MP3 in real time, for longer than any test runs.</summary>
    private static ExternalProgram Encoder(ClusterNode node, string mount, string password) => ExternalProgram.Ffmpeg("ffmpeg",
        "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=300 -c:a libmp3lame -b:a 128k " +
        $"-content_type audio/mpeg -f mp3 icecast://source:{password}@127.0.0.1:{node.SourcePort}{mount}");
}
