using System.Net;
using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>The JSON API, field names and JSON types exactly as the spec writes them.</summary>
public sealed class ApiTests
{
    [Fact]
    public async Task Status_has_the_specs_fields_with_the_title_and_artist_split()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        await TestEncoder.SetTitleAsync(station.SourcePort, "Massive Attack - Teardrop");
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;

        using var http = new HttpClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/status")));
        var root = status.RootElement;
        // The spec's fields first, in its order; then the cluster's spread, which the spec does not name.
        Assert.Equal(
            ["source_connected", "source_status", "metadata", "listeners", "uptime_seconds", "uptime_formatted", "station_name", "station_genre",
                "mounts", "nodes", "nodes_not_answering", "mount_entity_answering", "station_description", "station_url"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.True(root.GetProperty("source_connected").GetBoolean());
        Assert.Equal("Connected", root.GetProperty("source_status").GetString());
        Assert.Equal("Teardrop", root.GetProperty("metadata").GetProperty("title").GetString());
        Assert.Equal("Massive Attack", root.GetProperty("metadata").GetProperty("artist").GetString());
        Assert.Equal(1, root.GetProperty("listeners").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("uptime_seconds").ValueKind);
        Assert.True(root.GetProperty("uptime_seconds").TryGetInt64(out var uptime) && uptime >= 0);
        Assert.Matches(@"^\d+h \d+m$", root.GetProperty("uptime_formatted").GetString());
        Assert.Equal("Test Radio", root.GetProperty("station_name").GetString());
        Assert.Equal("Testing", root.GetProperty("station_genre").GetString());
        Assert.True(root.GetProperty("mount_entity_answering").GetBoolean());
    }

    [Fact]
    public async Task Status_says_disconnected_when_no_encoder_is_live()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/status")));
        Assert.False(status.RootElement.GetProperty("source_connected").GetBoolean());
        Assert.Equal(0, status.RootElement.GetProperty("listeners").GetInt32());
    }

    [Fact]
    public async Task Stats_lists_each_listener_and_the_buffer()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { SizeMb = 1 });
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        var audio = Mp3Frames.Make(40);
        await encoder.SendAsync(audio);
        await listener.ReadExactlyAsync(audio.Length);

        using var http = new HttpClient();
        using var stats = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/stats")));
        var root = stats.RootElement;
        Assert.Equal(["total_listeners", "total_bytes_sent", "listeners", "buffer", "mounts", "nodes", "nodes_not_answering", "mount_entity_answering"],
            root.EnumerateObject().Select(property => property.Name));
        Assert.Equal(1, root.GetProperty("total_listeners").GetInt32());
        var entry = Assert.Single(root.GetProperty("listeners").EnumerateArray().ToArray());
        Assert.Equal(["id", "bytes_sent", "connected_seconds", "active", "node", "mount"], entry.EnumerateObject().Select(property => property.Name));
        Assert.True(entry.GetProperty("id").GetInt64() > 0);
        Assert.True(entry.GetProperty("bytes_sent").GetInt64() >= audio.Length);
        Assert.True(entry.GetProperty("active").GetBoolean());
        Assert.True(root.GetProperty("total_bytes_sent").GetInt64() >= audio.Length);
        var buffer = root.GetProperty("buffer");
        Assert.Equal(audio.Length, buffer.GetProperty("available").GetInt64());
        Assert.Equal(1024 * 1024, buffer.GetProperty("space").GetInt64());
        Assert.Equal(Math.Round(100.0 * audio.Length / (1024 * 1024), 1), buffer.GetProperty("fill_percentage").GetDouble());
    }

    [Fact]
    public async Task Status_and_stats_count_the_listeners_of_each_mount_on_a_node_of_its_own()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = "mount \"/two\" { }" });
        var self = station.NodeName;
        var listeners = new List<RawClient>();
        foreach (var mount in new[] { "/stream", "/stream", "/two" })
            listeners.Add((await TestListener.ConnectAsync(station, mount)).Client);

        using var http = new HttpClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/status")));
        using var stats = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/stats")));
        Assert.Equal(3, status.RootElement.GetProperty("listeners").GetInt32());
        foreach (var root in new[] { status.RootElement, stats.RootElement })
        {
            Assert.Equal([("/stream", 2, (self, 2)), ("/two", 1, (self, 1))],
                root.GetProperty("mounts").EnumerateArray().Select(mount => (
                    mount.GetProperty("mount").GetString(),
                    mount.GetProperty("listeners").GetInt32(),
                    mount.GetProperty("listeners_by_node").EnumerateObject().Select(node => (node.Name, node.Value.GetInt32())).Single())));
            var node = Assert.Single(root.GetProperty("nodes").EnumerateArray().ToArray());
            Assert.Equal(["node", "listeners", "bytes_sent"], node.EnumerateObject().Select(property => property.Name));
            Assert.Equal((self, 3), (node.GetProperty("node").GetString(), node.GetProperty("listeners").GetInt32()));
            Assert.Empty(root.GetProperty("nodes_not_answering").EnumerateArray());
        }
        Assert.Equal(3, stats.RootElement.GetProperty("total_listeners").GetInt32());
        Assert.Equal([(self, "/stream"), (self, "/stream"), (self, "/two")],
            stats.RootElement.GetProperty("listeners").EnumerateArray()
                .Select(entry => (entry.GetProperty("node").GetString(), entry.GetProperty("mount").GetString())).Order());
        foreach (var listener in listeners)
            await listener.DisposeAsync();
    }

    [Fact]
    public async Task Stats_answers_404_when_enable_stats_is_false()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { EnableStats = false });
        using var http = new HttpClient();
        using var response = await http.GetAsync(station.Url("/api/stats"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_status_page_shows_the_station_and_a_player_for_the_stream()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(station.Url("/"));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Test Radio", page);
        Assert.Contains("<audio id=\"player\" controls preload=\"none\" src=\"/stream\">", page);
        Assert.Contains("/api/status", page);
        var self = station.NodeName;
        Assert.Contains($"<tr data-node=\"{self}\"><th scope=\"row\">{self}</th><td>0</td><td>0</td></tr>", page);
    }

    [Fact]
    public async Task Uptime_counts_from_the_start_of_the_node_not_from_the_first_request()
    {
        await using var station = await TestStation.StartAsync();
        // Time has to pass before anyone asks: that is what is being checked.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        using var http = new HttpClient();
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/status")));
        Assert.True(status.RootElement.GetProperty("uptime_seconds").GetInt64() >= 1);
    }
}
