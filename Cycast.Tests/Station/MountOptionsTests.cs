using System.Text.Json.Nodes;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Icecast's per-mount options, driven over real sockets: the overrides and <c>hidden</c> answered as icecast2 answers
/// them when configured the same way, the duration limit and the per-mount burst, and the mount's charset for titles.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class MountOptionsTests
{
    private const string EncoderHeaders =
        "ice-name: Encoder Name\r\nice-genre: Encoder Genre\r\nice-description: Encoder Description\r\nice-url: http://encoder.example\r\nice-public: 0\r\n";

    private const string OverridesHcl = """
        mount "/over" {
          stream_name = "Override Name"
          stream_description = "Override Description"
          stream_url = "http://override.example"
          genre = "Override Genre"
          public = true
        }
        mount "/secret" {
          hidden = true
        }
        """;

    private const string OverridesXml = """
        <mount>
          <mount-name>/over</mount-name>
          <stream-name>Override Name</stream-name>
          <stream-description>Override Description</stream-description>
          <stream-url>http://override.example</stream-url>
          <genre>Override Genre</genre>
          <public>1</public>
        </mount>
        <mount>
          <mount-name>/secret</mount-name>
          <hidden>1</hidden>
        </mount>
        """;

    [Fact]
    public async Task Overrides_rename_the_stream_for_players_and_list_it_as_configured_and_hidden_mounts_stay_playable_but_unlisted_as_on_icecast2()
    {
        await using var icecast = await RunningIcecast.StartAsync(OverridesXml);
        await using var cycast = await TestStation.StartAsync(new StationOptions { ExtraBlocks = OverridesHcl });
        var views = new List<(string OverHead, string SecretHead, string[] Listed)>();
        foreach (var (sourcePort, listenPort, whenLive) in new (int, int, Func<string, Task>)[]
        {
            (icecast.Port, icecast.Port, icecast.WaitForSourceAsync),
            (cycast.SourcePort, cycast.ListenPort, mount => cycast.WhenSourceAsync(mount, live: true)),
        })
        {
            var encoders = new List<RawClient>();
            foreach (var mount in new[] { "/over", "/secret" })
            {
                var live = mount == "/secret" && sourcePort == icecast.Port ? Task.CompletedTask : whenLive(mount);
                var (encoder, reply) = await TestEncoder.SourceAsync(sourcePort, mount, extraHeaders: EncoderHeaders);
                Assert.StartsWith("HTTP/1.0 200 OK", reply);
                await live;
                await encoder.SendAsync(Mp3Frames.Make(20));
                encoders.Add(encoder);
            }
            var (over, overHead) = await TestListener.ConnectAsync(listenPort, "/over");
            var (secret, secretHead) = await TestListener.ConnectAsync(listenPort, "/secret");
            await encoders[1].SendAsync(Mp3Frames.Make(20));
            // Hidden is not unplayable: its listener hears the audio.
            await secret.ReadExactlyAsync(Mp3Frames.FrameLength * 10).WaitAsync(MountEvents.Patience);
            using var http = new HttpClient();
            var status = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{listenPort}/status-json.xsl"))!["icestats"]!["source"]!;
            var sources = status is JsonArray array ? array.ToArray() : [status];
            views.Add((IcyLines(overHead), IcyLines(secretHead), sources.Select(source => $"{source!["listenurl"]!.GetValue<string>().Split(':')[^1]}|{source["server_name"]}|{source["genre"]}").ToArray()));
            await over.DisposeAsync();
            await secret.DisposeAsync();
            foreach (var encoder in encoders)
                await encoder.DisposeAsync();
        }

        // As icecast2 (2.4's format.c): a player gets only icy-name overridden and the encoder's other ice-* headers
        // as they were sent; status documents show every override.
        Assert.Equal("icy-description:Encoder Description|icy-genre:Encoder Genre|icy-name:Override Name|icy-pub:0|icy-url:http://encoder.example", views[1].OverHead);
        Assert.Equal(views[0].OverHead, views[1].OverHead);
        Assert.Equal("icy-description:Encoder Description|icy-genre:Encoder Genre|icy-name:Encoder Name|icy-pub:0|icy-url:http://encoder.example", views[1].SecretHead);
        Assert.Equal(views[0].SecretHead, views[1].SecretHead);
        Assert.Equal([$"{icecast.Port}/over|Override Name|Override Genre"], views[0].Listed);
        Assert.Equal([$"{cycast.ListenPort}/over|Override Name|Override Genre"], views[1].Listed);
        var api = await new HttpClient().GetStringAsync(cycast.Url("/api/status"));
        Assert.Contains("\"/over\"", api);
        Assert.DoesNotContain("/secret", api);
    }

    /// <summary>The icy-* lines of a reply head, in order, joined by '|'.</summary>
    private static string IcyLines(string head) =>
        string.Join('|', head.Split("\r\n").Where(line => line.StartsWith("icy-", StringComparison.Ordinal)));

    [Fact]
    public async Task Max_listener_duration_cuts_the_listener_once_its_time_is_up()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = "mount \"/short\" {\n  max_listener_duration = 1\n}",
        });
        await using var encoder = await TestEncoder.LiveAsync(station, "/short");
        var (listener, head) = await TestListener.ConnectAsync(station, "/short");
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await encoder.SendAsync(Mp3Frames.Make(20));

        // The node closes the connection by itself: the read ends.
        var received = await listener.ReadToEndAsync().WaitAsync(MountEvents.Patience);

        Assert.Equal(Mp3Frames.Make(20), received);
        await station.Logs.WaitForAsync(line => line.Contains("left /short", StringComparison.Ordinal) && line.EndsWith("max_listener_duration (1 s) reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mounts_burst_size_is_what_a_new_listener_gets_at_once()
    {
        const int Burst = 16 * 1024;
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            BurstSize = 0,
            ExtraBlocks = $"mount \"/burst\" {{\n  burst_size = {Burst}\n}}",
        });
        var audio = Mp3Frames.Make(200);
        foreach (var mount in new[] { "/stream", "/burst" })
        {
            await using var encoder = await TestEncoder.LiveAsync(station, mount);
            var (early, _) = await TestListener.ConnectAsync(station, mount);
            await encoder.SendAsync(audio);
            // A listener that has read everything proves the mount has taken every byte in.
            await using (early)
                Assert.Equal(audio, await early.ReadExactlyAsync(audio.Length));
        }

        var (late, _) = await TestListener.ConnectAsync(station, "/burst");
        await using var __ = late;
        var received = await late.ReadExactlyAsync(Burst - 2 * Mp3Frames.FrameLength).WaitAsync(MountEvents.Patience);
        var start = audio.AsSpan().IndexOf(received);
        Assert.True(start > 0 && (audio.Length - start) % Mp3Frames.FrameLength == 0, "the burst starts on a frame of the stream");
        Assert.InRange(audio.Length - start, Burst - 2 * Mp3Frames.FrameLength, Burst);
    }

    [Fact]
    public async Task A_mounts_queue_size_is_the_lag_budget_its_stalled_listener_is_cut_off_by()
    {
        const int Budget = 128 * 1024;
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            SizeMb = 8,
            QueueSize = 4 * 1024 * 1024,
            ExtraBlocks = $"mount \"/tight\" {{\n  queue_size = {Budget}\n}}",
        });
        var (stalled, _) = await TestListener.ConnectAsync(station, "/tight", receiveBuffer: 4096);
        await using var _ = stalled;
        await using var encoder = await TestEncoder.LiveAsync(station, "/tight");
        var cut = station.Logs.WaitForAsync(line => line.Contains("left /tight", StringComparison.Ordinal) && line.Contains("cut off", StringComparison.Ordinal));

        // Far past the mount's budget at once, then real time: each write wakes the listener until it is judged.
        await encoder.SendAsync(Mp3Frames.Make(1000));
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(26)))
        {
            for (var frame = 1000; !cut.IsCompleted && frame < 2000 && await pace.WaitForNextTickAsync(); frame++)
                await encoder.SendAsync(Mp3Frames.Make(1, frame));
        }
        await cut;

        Assert.Contains($"(lag budget {Budget} bytes)", station.Logs.Lines.Single(line => line.Contains("left /tight", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_mounts_charset_decodes_titles_sent_without_one()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = "mount \"/latin\" {\n  charset = \"ISO-8859-1\"\n}",
        });
        await using var encoder = await TestEncoder.LiveAsync(station, "/latin");

        // A legacy encoder's Latin-1 bytes, percent-encoded as they are: "Beyoncé - Déjà vu".
        using var reply = await TestEncoder.MetadataAsync(station.ListenPort, "mount=/latin&mode=updinfo&song=Beyonc%E9%20-%20D%E9j%E0%20vu");
        reply.EnsureSuccessStatusCode();

        using var http = new HttpClient();
        var status = JsonNode.Parse(await http.GetStringAsync(station.Url("/status-json.xsl")))!["icestats"]!["source"]!;
        Assert.Equal("Beyoncé - Déjà vu", status["title"]!.GetValue<string>());
    }
}
