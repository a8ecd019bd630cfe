using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Cycast and a running icecast2 2.4.4 side by side: the same encoder and listeners against both, and what tools built
/// for Icecast read compared between the two.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class SideBySideTests : IAsyncLifetime
{
    private const string AdminPassword = "side-by-side";

    private const string EncoderHeaders =
        "ice-name: Side Radio\r\nice-genre: Jazz\r\nice-description: Both servers\r\nice-url: http://side.example\r\nice-bitrate: 128\r\nice-audio-info: bitrate=128\r\nUser-Agent: side-encoder/1.0\r\n";

    private RunningIcecast _icecast = null!;
    private TestStation _cycast = null!;
    private readonly List<IAsyncDisposable> _clients = [];

    private Server Icecast => new("icecast2", _icecast.Port, _icecast.Port, RunningIcecast.AdminPassword);
    private Server Cycast => new("cycast", _cycast.SourcePort, _cycast.ListenPort, AdminPassword);

    public async Task InitializeAsync()
    {
        _icecast = await RunningIcecast.StartAsync();
        _cycast = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""
                admin {
                  password = "{{AdminPassword}}"
                  trusted_proxies = ["127.0.0.1"]
                }
                mount "/other" { }
                """,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        await _cycast.DisposeAsync();
        await _icecast.DisposeAsync();
    }

    [Fact]
    public async Task Status_json_has_the_same_keys_with_the_same_json_types_on_both()
    {
        var shapes = new List<string>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            var encoder = await LiveAsync(server, "/stream");
            await ListenAsync(server, "/stream", IPAddress.Loopback);
            using (await AdminAsync(server, "/admin/metadata?mount=/stream&mode=updinfo&song=Artist%20-%20Song"))
            {
            }
            // icecast2 takes a new title in with the audio that follows it, and says so in its stats a moment later:
            // keep the audio coming and ask again (a bounded number of times) until the title shows.
            JsonObject icestats;
            for (var attempt = 0; ; attempt++)
            {
                await encoder.SendAsync(Mp3Frames.Make(5));
                var json = JsonNode.Parse(await new HttpClient().GetStringAsync($"http://127.0.0.1:{server.ListenPort}/status-json.xsl"))!;
                icestats = json["icestats"]!.AsObject();
                if (icestats["source"]?["title"] is not null || attempt == 50)
                    break;
                await Task.Delay(100);
            }
            shapes.Add(Shape(icestats) + "\nsource: " + Shape(icestats["source"]!.AsObject()));
        }
        Assert.Equal(shapes[0], shapes[1]);
    }

    [Fact]
    public async Task Every_admin_xml_reply_has_the_same_element_names_and_killclient_disconnects_the_listener_on_both()
    {
        var names = new List<string>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            await LiveAsync(server, "/stream");
            await LiveAsync(server, "/other");
            var listener = await ListenAsync(server, "/stream", IPAddress.Loopback);
            await ListenAsync(server, "/stream", IPAddress.Loopback);
            var replies = new List<string>();
            foreach (var command in new[] { "stats", "listmounts", "listclients?mount=/stream" })
                replies.Add(await AdminXmlAsync(server, command));
            var id = XDocument.Parse(replies[^1]).Descendants("listener").First().Element("ID")!.Value;
            replies.Add(await AdminXmlAsync(server, $"killclient?mount=/stream&id={id}"));
            replies.Add(await AdminXmlAsync(server, "moveclients?mount=/stream&destination=/other"));
            replies.Add(await AdminXmlAsync(server, "killsource?mount=/other"));
            names.Add(string.Join("\n", replies.Select(reply => string.Join(" ", XDocument.Parse(reply).Descendants().Select(element => element.Name.LocalName).Distinct()))));
            // The killed listener is let go: its connection ends.
            await listener.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Equal(names[0], names[1]);
    }

    [Fact]
    public async Task Stats_xml_is_stats_with_the_same_elements_per_level_and_the_same_connection_counts_on_both()
    {
        var counts = new List<string>();
        var levels = new List<string>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            var encoder = await LiveAsync(server, "/stream");
            await LiveAsync(server, "/other");
            RawClient listener = null!;
            for (var i = 0; i < 3; i++)
                listener = await ListenAsync(server, "/stream", IPAddress.Loopback);
            // Audio has reached a player, so the server has sent the mount some bytes.
            await encoder.SendAsync(Mp3Frames.Make(20));
            Assert.NotEmpty(await listener.ReadSomeAsync());
            // icecast2's stats thread takes its counts in a moment after the connection: ask again (a bounded number of
            // times) until it has the third player. Cycast counts as it accepts, so its first answer holds.
            XElement stats;
            for (var attempt = 0; ; attempt++)
            {
                stats = XDocument.Parse(await AdminXmlAsync(server, "stats.xml")).Root!;
                if (server == Cycast || stats.Element("listener_connections")?.Value == "3" || attempt == 50)
                    break;
                await Task.Delay(100);
            }
            Assert.Equal("icestats", stats.Name.LocalName);
            levels.Add(string.Join(" ", stats.Elements().Where(element => element.Name != "source").Select(element => element.Name.LocalName))
                + "\nsource: " + string.Join(" ", stats.Elements("source").Single(source => (string?)source.Attribute("mount") == "/stream").Elements().Select(element => element.Name.LocalName)));
            // What both servers counted for the same two encoders and three players.
            counts.Add(string.Join(", ", new[] { "listener_connections", "source_client_connections", "source_relay_connections", "source_total_connections", "sources", "listeners" }
                .Select(name => $"{name}={stats.Element(name)!.Value}")));
            Assert.True(long.Parse(stats.Element("connections")!.Value) >= 5, stats.ToString());
            Assert.True(long.Parse(stats.Element("clients")!.Value) >= 5, stats.ToString());
            Assert.Equal("side-encoder/1.0", stats.Elements("source").Single(source => (string?)source.Attribute("mount") == "/stream").Element("user_agent")?.Value);
            // icecast2 writes its byte totals into its stats every few seconds; Cycast counts them as they go.
            if (server == Cycast)
                Assert.True(long.Parse(stats.Elements("source").Single(source => (string?)source.Attribute("mount") == "/stream").Element("total_bytes_sent")!.Value) > 0, stats.ToString());
        }
        Assert.Equal("listener_connections=3, source_client_connections=2, source_relay_connections=0, source_total_connections=2, sources=2, listeners=3", counts[0]);
        Assert.Equal(counts[0], counts[1]);
        Assert.Equal(levels[0], levels[1]);
    }

    [Fact]
    public async Task M3u_and_xspf_playlists_are_the_same_bytes_with_the_same_status_and_type_on_both()
    {
        var answers = new List<string>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            await LiveAsync(server, "/stream");
            if (server == Icecast)
                await _icecast.WaitForSourceAsync("/stream");
            var answer = new StringBuilder();
            foreach (var path in new[] { "/stream.m3u", "/stream.xspf", "/nowhere.m3u", "/nowhere.xspf" })
            {
                var (status, type, body) = await RawGetAsync(server, path, $"Host: 127.0.0.1:{server.ListenPort}\r\n");
                // Each server names its own port; everything else must be the same bytes.
                answer.Append($"{path}: {status} {type}\n{body.Replace($":{server.ListenPort}/", ":PORT/", StringComparison.Ordinal)}\n");
            }
            // An HTTP/1.0 player may send no Host: each names the address it was reached at.
            Assert.Equal($"http://127.0.0.1:{server.ListenPort}/stream\r\n", (await RawGetAsync(server, "/stream.m3u", "")).Body);
            answers.Add(answer.ToString());
        }
        Assert.Contains("/stream.m3u: 200 audio/x-mpegurl\nhttp://127.0.0.1:PORT/stream\r\n", answers[0]);
        Assert.Contains("<location>http://127.0.0.1:PORT/stream</location>", answers[0]);
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task Playlists_name_the_proxys_public_url_only_when_the_proxy_is_trusted()
    {
        await LiveAsync(Cycast, "/stream");
        const string Forwarded = "Host: internal:8001\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: radio.example\r\n";
        var (_, _, trusted) = await RawGetAsync(Cycast, "/stream.m3u", Forwarded, IPAddress.Loopback);
        var (_, _, untrusted) = await RawGetAsync(Cycast, "/stream.m3u", Forwarded, IPAddress.Parse("127.0.0.2"));
        var (_, _, xspf) = await RawGetAsync(Cycast, "/stream.xspf", Forwarded, IPAddress.Loopback);
        Assert.Equal("https://radio.example/stream\r\n", trusted);
        Assert.Equal("http://internal:8001/stream\r\n", untrusted);
        Assert.Contains("<location>https://radio.example/stream</location>", xspf);
    }

    [Fact]
    public async Task A_player_given_the_m3u_url_plays_the_stream_it_names()
    {
        var encoder = await LiveAsync(Cycast, "/stream");
        // mpg123 reads the list from the URL and opens the stream it names; it decodes a few frames and stops.
        await using var player = ExternalProgram.Start("mpg123", "-q", "-t", "-n", "10", "-@", $"http://127.0.0.1:{Cycast.ListenPort}/stream.m3u");
        var playing = player.ExitAsync();
        // The player needs audio to decode: the encoder goes on at about real time (5 frames are 130 ms) until the player
        // has had its frames, for at most 30 s.
        for (var sends = 0; !playing.IsCompleted && sends < 230; sends++)
        {
            await encoder.SendAsync(Mp3Frames.Make(5));
            await Task.WhenAny(playing, Task.Delay(130));
        }
        var (code, _, errors) = await playing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, errors);
        var stats = XDocument.Parse(await AdminXmlAsync(Cycast, "stats")).Root!;
        Assert.Equal("1", stats.Element("listener_connections")!.Value);
        Assert.Equal("1", stats.Element("file_connections")!.Value);
    }

    [Fact]
    public async Task Icecasts_xsl_views_send_to_cycasts_pages_and_ask_for_the_admin_first_as_icecast2_does()
    {
        var unauthenticated = new List<int>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            foreach (var view in new[] { "/admin/stats.xsl", "/admin/listmounts.xsl", "/admin/listclients.xsl?mount=/stream" })
                unauthenticated.Add((await RawGetAsync(server, view, "")).Status);
        }
        Assert.Equal([401, 401, 401, 401, 401, 401], unauthenticated);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var status = await http.GetAsync($"http://127.0.0.1:{Cycast.ListenPort}/status.xsl");
        Assert.Equal((HttpStatusCode.Redirect, "/"), (status.StatusCode, status.Headers.Location?.OriginalString));
        foreach (var view in new[] { "stats.xsl", "listmounts.xsl", "listclients.xsl?mount=/stream", "moveclients.xsl?mount=/stream" })
        {
            using var response = await AdminAsync(Cycast, "/admin/" + view, followRedirects: false);
            Assert.Equal((HttpStatusCode.Redirect, "/admin/"), (response.StatusCode, response.Headers.Location?.OriginalString));
        }
    }

    [Fact]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored_as_by_icecast2_and_believed_from_a_trusted_one()
    {
        var seen = new Dictionary<string, string[]>();
        foreach (var server in new[] { Icecast, Cycast })
        {
            await LiveAsync(server, "/stream");
            await ListenAsync(server, "/stream", IPAddress.Loopback, "X-Forwarded-For: 203.0.113.7\r\n");
            await ListenAsync(server, "/stream", IPAddress.Parse("127.0.0.2"), "X-Forwarded-For: 198.51.100.1\r\n");
            seen[server.Name] = XDocument.Parse(await AdminXmlAsync(server, "listclients?mount=/stream")).Descendants("IP").Select(ip => ip.Value).Order().ToArray();
        }
        // icecast2 2.4 believes no proxy; Cycast believes its trusted_proxies, and nobody else, just as icecast2 does.
        Assert.Equal(["127.0.0.1", "127.0.0.2"], seen["icecast2"]);
        Assert.Equal(["127.0.0.2", "203.0.113.7"], seen["cycast"]);
    }

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_count_the_listeners_icecast2_lists()
    {
        foreach (var server in new[] { Icecast, Cycast })
        {
            await LiveAsync(server, "/stream");
            for (var i = 0; i < 3; i++)
                await ListenAsync(server, "/stream", IPAddress.Loopback);
        }
        var icecastListeners = XDocument.Parse(await AdminXmlAsync(Icecast, "listclients?mount=/stream")).Descendants("listener").Count();

        var metrics = await new HttpClient().GetStringAsync($"http://127.0.0.1:{_cycast.ListenPort}/metrics");
        var samples = PrometheusText.Parse(metrics);
        Assert.Equal(3, icecastListeners);
        Assert.Equal(icecastListeners, samples[("cycast_listeners", "mount=\"/stream\"")]);
    }

    [Fact]
    public async Task Ezstream_without_format_str_sends_artist_and_title_apart_and_both_show_artist_dash_title()
    {
        // A file of its own tags, so no playlist of Cycast's could show the same title.
        var directory = Directory.CreateTempSubdirectory("cycast-ezstream-").FullName;
        try
        {
            var track = Path.Combine(directory, "track.mp3");
            var (tagged, _, errors) = await ExternalProgram.Ffmpeg("ffmpeg",
                $"-v error -i {Path.Combine(RepoMusic.Directory, "cycast-a440.mp3")} -c copy -map_metadata -1 -metadata artist=Ezstream_Artist -metadata title=Ezstream_Title {track}").ExitAsync();
            Assert.True(tagged == 0, errors);
            foreach (var server in new[] { Icecast, Cycast })
            {
                var cycastLive = server == Cycast ? _cycast.WhenSourceAsync("/stream", live: true) : Task.CompletedTask;
                var config = Path.Combine(directory, $"{server.Name}.xml");
                await File.WriteAllTextAsync(config, $"""
                    <ezstream>
                      <servers><server><hostname>127.0.0.1</hostname><port>{server.SourcePort}</port><password>{TestStation.Password}</password></server></servers>
                      <streams><stream><mountpoint>/stream</mountpoint><format>MP3</format></stream></streams>
                      <intakes><intake><type>file</type><filename>{track}</filename></intake></intakes>
                    </ezstream>
                    """);
                // ezstream refuses a configuration others may read: it holds a password.
                File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var ezstream = ExternalProgram.Start("ezstream", "-c", config);
                _clients.Add(ezstream);
                await (server == Cycast ? cycastLive : _icecast.WaitForSourceAsync("/stream"));

                var listener = await ConnectListenerAsync(server, "/stream", IPAddress.Loopback, "Icy-MetaData: 1\r\n");
                var metaint = int.Parse(Regex.Match(await listener.ReadHeadAsync(), @"icy-metaint:\s*(\d+)", RegexOptions.IgnoreCase).Groups[1].Value);
                Assert.Equal("Ezstream_Artist - Ezstream_Title", await IcyTitles.NextNamedAsync(listener, metaint));
                Assert.Equal("Ezstream_Artist - Ezstream_Title", (string?)(await StatusJsonAsync(server))["source"]!["title"]);
            }
            using var status = JsonDocument.Parse(await new HttpClient().GetStringAsync(_cycast.Url("/api/status")));
            Assert.Equal(("Ezstream_Title", "Ezstream_Artist"), (status.RootElement.GetProperty("metadata").GetProperty("title").GetString(),
                status.RootElement.GetProperty("metadata").GetProperty("artist").GetString()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<JsonObject> StatusJsonAsync(Server server) =>
        JsonNode.Parse(await new HttpClient().GetStringAsync($"http://127.0.0.1:{server.ListenPort}/status-json.xsl"))!["icestats"]!.AsObject();

    private async Task<RawClient> LiveAsync(Server server, string mount)
    {
        // icecast2 has its source once it has answered; Cycast's mount says when it has.
        var live = server == Cycast ? _cycast.WhenSourceAsync(mount, live: true) : Task.CompletedTask;
        var (encoder, reply) = await TestEncoder.SourceAsync(server.SourcePort, mount, extraHeaders: EncoderHeaders);
        _clients.Add(encoder);
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        await live;
        await encoder.SendAsync(Mp3Frames.Make(20));
        return encoder;
    }

    private async Task<RawClient> ListenAsync(Server server, string mount, IPAddress from, string headers = "")
    {
        var client = await ConnectListenerAsync(server, mount, from, headers);
        Assert.StartsWith("HTTP/1.0 200 OK", await client.ReadHeadAsync());
        return client;
    }

    private async Task<RawClient> ConnectListenerAsync(Server server, string mount, IPAddress from, string headers)
    {
        var client = await RawClient.ConnectAsync(server.ListenPort, from: from);
        _clients.Add(client);
        await client.SendAsync($"GET {mount} HTTP/1.0\r\nUser-Agent: side-by-side\r\n{headers}\r\n");
        return client;
    }

    private static async Task<string> AdminXmlAsync(Server server, string command)
    {
        using var response = await AdminAsync(server, "/admin/" + command);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{server.Name} /admin/{command}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>A GET over a bare socket, HTTP/1.0 as players send it: the status, the content type and the body.</summary>
    private async Task<(int Status, string Type, string Body)> RawGetAsync(Server server, string path, string headers, IPAddress? from = null)
    {
        var client = await RawClient.ConnectAsync(server.ListenPort, from: from ?? IPAddress.Loopback);
        _clients.Add(client);
        await client.SendAsync($"GET {path} HTTP/1.0\r\nUser-Agent: side-by-side\r\n{headers}\r\n");
        var reply = Encoding.UTF8.GetString(await client.ReadToEndAsync());
        var split = reply.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = reply[..split];
        var type = Regex.Match(head, @"^Content-Type:\s*(.*?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value;
        return (int.Parse(head.Split(' ')[1]), type, reply[(split + 4)..]);
    }

    private static async Task<HttpResponseMessage> AdminAsync(Server server, string path, bool followRedirects = true)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{server.ListenPort}{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{server.AdminPassword}")));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string Shape(JsonObject json) =>
        string.Join(", ", json.Where(field => field.Key != "source")
            .Select(field => $"{field.Key}:{field.Value?.GetValueKind().ToString() ?? "Null"}").Order(StringComparer.Ordinal));

    private sealed record Server(string Name, int SourcePort, int ListenPort, string AdminPassword);
}
