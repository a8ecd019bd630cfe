using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Icecast 2.4's admin API and status-json.xsl, compared with what a running icecast2 2.4.4 answered to the same
/// calls (Fixtures/icecast-2.4.4, captured with an ffmpeg source and a curl listener), and who gets in.
/// </summary>
public sealed class IcecastAdminTests
{
    private const string AdminPassword = "letmein";

    /// <summary>Fields Icecast writes only when the encoder sends them, as the fixtures' encoder did not.</summary>
    private static readonly string[] EncoderSaid = ["audio_info", "bitrate", "server_url"];

    private static readonly StationOptions WithAdmin = new()
    {
        ExtraBlocks = $$"""
            admin {
              password = "{{AdminPassword}}"
              trusted_proxies = ["127.0.0.1"]
            }
            """,
    };

    [Fact]
    public async Task Without_an_admin_block_admin_pages_answer_401_and_metadata_still_takes_the_source_password()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var stats = await GetAsync(station, "/admin/stats", "admin", "admin");
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.Equal("Basic realm=\"Icecast2 Server\"", stats.Headers.WwwAuthenticate.ToString());
        using var metadata = await GetAsync(station, "/admin/metadata?mount=/stream&mode=updinfo&song=A%20-%20B", "source", TestStation.Password);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Contains(station.Logs.Lines, line => line.Contains("No admin block in the configuration"));
    }

    [Fact]
    public async Task Only_the_admin_user_opens_admin_pages_and_it_may_set_titles_too()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var asSource = await GetAsync(station, "/admin/listmounts", "source", TestStation.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, asSource.StatusCode);
        using var wrong = await GetAsync(station, "/admin/listmounts", "admin", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var asAdmin = await GetAsync(station, "/admin/listmounts", "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        using var title = await GetAsync(station, "/admin/metadata?mount=/stream&mode=updinfo&song=A%20-%20B", "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, title.StatusCode);
        using var unknown = await GetAsync(station, "/admin/nosuchcommand", "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("400 - Unrecognised command", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_json_has_icecasts_fields_with_icecasts_types_and_the_live_sources_own_names_as_do_api_status_and_the_page()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        var encoder = await TestEncoder.LiveAsync(station,
            extraHeaders: "ice-name: Encoder Radio\r\nice-genre: Jazz\r\nice-description: From the encoder\r\nice-url: http://encoder.example/show\r\n");
        using (await GetAsync(station, "/admin/metadata?mount=/stream&mode=updinfo&song=Artist%20-%20Song", "source", TestStation.Password))
        {
        }
        using var http = new HttpClient();
        using var response = await http.GetAsync(station.Url("/status-json.xsl"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var ours = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["icestats"]!.AsObject();
        var icecast = JsonNode.Parse(await File.ReadAllTextAsync(Fixture("status-json.json")))!["icestats"]!.AsObject();

        Assert.Equal(Shape(icecast).Where(field => field.Key != "source"), Shape(ours).Where(field => field.Key != "source"));
        var source = Assert.IsType<JsonObject>(ours["source"]);
        // Every field Icecast wrote, with its type; beyond them, only those Icecast writes when the encoder says them.
        Assert.Subset(Shape(source).ToHashSet(), Shape(icecast["source"]!.AsObject()).ToHashSet());
        Assert.Subset(Shape(icecast["source"]!.AsObject()).Select(field => field.Key).Concat(EncoderSaid).ToHashSet(),
            source.Select(field => field.Key).ToHashSet());
        Assert.Equal("http://encoder.example/show", (string?)source["server_url"]);
        Assert.Equal("Encoder Radio", (string?)source["server_name"]);
        Assert.Equal("Jazz", (string?)source["genre"]);
        Assert.Equal("From the encoder", (string?)source["server_description"]);
        Assert.Equal("Artist - Song", (string?)source["title"]);
        Assert.Equal($"http://127.0.0.1:{station.ListenPort}/stream", (string?)source["listenurl"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$", (string?)source["stream_start_iso8601"]);
        Assert.Matches(@"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000$", (string?)ours["server_start"]);
        // The live source's own names are the station's in Cycast's own API too, while it is live.
        var status = JsonNode.Parse(await http.GetStringAsync(station.Url("/api/status")))!;
        Assert.Equal("Encoder Radio", (string?)status["station_name"]);
        Assert.Equal("Jazz", (string?)status["station_genre"]);
        Assert.Equal("From the encoder", (string?)status["station_description"]);
        Assert.Equal("http://encoder.example/show", (string?)status["station_url"]);
        var page = await http.GetStringAsync(station.Url("/"));
        Assert.Contains("<h1 id=\"station\">Encoder Radio</h1>", page);
        Assert.Contains("<p class=\"about\" id=\"about\">From the encoder <a id=\"station-url\" href=\"http://encoder.example/show\" rel=\"nofollow noopener\">http://encoder.example/show</a></p>", page);

        // When it goes, the station's own words are back.
        var gone = station.WhenSourceAsync("/stream", live: false);
        await encoder.DisposeAsync();
        await gone;
        status = JsonNode.Parse(await http.GetStringAsync(station.Url("/api/status")))!;
        Assert.Equal(("Test Radio", "Tests", "http://test.example"), ((string?)status["station_name"], (string?)status["station_description"], (string?)status["station_url"]));
        Assert.Contains("<p class=\"about\" id=\"about\">Tests <a id=\"station-url\" href=\"http://test.example/\"", await http.GetStringAsync(station.Url("/")));
        using var afterwards = await http.GetAsync(station.Url("/status-json.xsl"));
        Assert.DoesNotContain("Encoder Radio", await afterwards.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_xml_replies_use_icecasts_element_names()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        await using var encoder = await TestEncoder.LiveAsync(station);
        using (await GetAsync(station, "/admin/metadata?mount=/stream&mode=updinfo&song=Artist%20-%20Song", "source", TestStation.Password))
        {
        }
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        foreach (var (command, fixture) in new[] { ("stats", "stats.xml"), ("listmounts", "listmounts.xml"), ("listclients?mount=/stream", "listclients.xml") })
        {
            using var response = await GetAsync(station, "/admin/" + command, "admin", AdminPassword);
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<?xml version=\"1.0\"?>\n<icestats>", text);
            var icecastNames = ElementNames(XDocument.Parse(await File.ReadAllTextAsync(Fixture(fixture))));
            var ourNames = ElementNames(XDocument.Parse(text));
            Assert.Subset(icecastNames.Concat(EncoderSaid).ToHashSet(), ourNames);
            Assert.Contains("source", ourNames);
        }
    }

    [Fact]
    public async Task Admin_contact_and_location_come_from_the_metadata_block_in_stats_and_status_json()
    {
        await using var station = await TestStation.StartAsync(WithAdmin with { Admin = "ops@radio.example", Location = "Oslo" });
        using var response = await GetAsync(station, "/admin/stats", "admin", AdminPassword);
        var stats = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("ops@radio.example", "Oslo"), (stats.Element("admin")!.Value, stats.Element("location")!.Value));
        var json = JsonNode.Parse(await new HttpClient().GetStringAsync(station.Url("/status-json.xsl")))!["icestats"]!;
        Assert.Equal(("ops@radio.example", "Oslo"), ((string?)json["admin"], (string?)json["location"]));
    }

    [Fact]
    public async Task A_listener_listed_by_listclients_is_disconnected_by_killclient()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        var entry = (await ListenersAsync(station)).Single();
        Assert.Equal("127.0.0.1", entry.Element("IP")!.Value);
        Assert.Equal("cycast-tests", entry.Element("UserAgent")!.Value);

        var id = entry.Element("ID")!.Value;
        using var kill = await GetAsync(station, $"/admin/killclient?mount=/stream&id={id}", "admin", AdminPassword);
        Assert.Equal($"<?xml version=\"1.0\"?>\n<iceresponse><message>Client {id} removed</message><return>1</return></iceresponse>\n",
            await kill.Content.ReadAsStringAsync());
        await listener.ReadToEndAsync();
        using var again = await GetAsync(station, $"/admin/killclient?mount=/stream&id={id}", "admin", AdminPassword);
        Assert.Contains($"Client {id} not found", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Killsource_disconnects_the_encoder_and_the_playlist_takes_over()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        await using var encoder = await TestEncoder.LiveAsync(station);
        var gone = station.WhenSourceAsync("/stream", live: false);
        using var kill = await GetAsync(station, "/admin/killsource?mount=/stream", "admin", AdminPassword);
        Assert.Contains("<message>Source Removed</message><return>1</return>", await kill.Content.ReadAsStringAsync());
        await gone;
        await encoder.ReadToEndAsync();
        using var none = await GetAsync(station, "/admin/killsource?mount=/stream", "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("400 - Source does not exist", await none.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task X_forwarded_for_is_believed_from_a_trusted_proxy_and_ignored_from_anyone_else()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        await using var encoder = await TestEncoder.LiveAsync(station);
        await using var proxied = await ListenAsync(station, IPAddress.Loopback, "X-Forwarded-For: 203.0.113.7, 127.0.0.1\r\n");
        await using var stranger = await ListenAsync(station, IPAddress.Parse("127.0.0.2"), "X-Forwarded-For: 198.51.100.1\r\nX-Real-IP: 198.51.100.2\r\n");
        var addresses = (await ListenersAsync(station)).Select(listener => listener.Element("IP")!.Value).Order().ToArray();
        Assert.Equal(["127.0.0.2", "203.0.113.7"], addresses);
    }

    private static async Task<RawClient> ListenAsync(TestStation station, IPAddress from, string headers)
    {
        var client = await RawClient.ConnectAsync(station.ListenPort, from: from);
        await client.SendAsync($"GET /stream HTTP/1.0\r\nUser-Agent: cycast-tests\r\n{headers}\r\n");
        Assert.StartsWith("HTTP/1.0 200 OK", await client.ReadHeadAsync());
        return client;
    }

    private static async Task<XElement[]> ListenersAsync(TestStation station)
    {
        using var response = await GetAsync(station, "/admin/listclients?mount=/stream", "admin", AdminPassword);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("listener").ToArray();
    }

    private static IEnumerable<KeyValuePair<string, string>> Shape(JsonObject json) =>
        json.Select(field => KeyValuePair.Create(field.Key, field.Value?.GetValueKind().ToString() ?? "Null")).OrderBy(field => field.Key, StringComparer.Ordinal);

    private static HashSet<string> ElementNames(XDocument document) =>
        document.Descendants().Select(element => element.Name.LocalName).ToHashSet();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "icecast-2.4.4", name);

    private static async Task<HttpResponseMessage> GetAsync(TestStation station, string path, string user, string password)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, station.Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await http.SendAsync(request);
    }
}
