using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>What players see: Icecast's reply head, CORS for web players, limits, and prompt cleanup.</summary>
public sealed class ListenerProtocolTests
{
    [Fact]
    public async Task The_reply_head_is_Icecasts_with_cors_and_no_chunking()
    {
        await using var station = await TestStation.StartAsync();
        var (listener, head) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        var lines = head.Split("\r\n");
        Assert.Equal("HTTP/1.0 200 OK", lines[0]);
        Assert.Contains("Content-Type: audio/mpeg", lines);
        Assert.Contains("Cache-Control: no-cache, no-store", lines);
        Assert.Contains("Pragma: no-cache", lines);
        Assert.Contains("Access-Control-Allow-Origin: *", lines);
        Assert.Contains("icy-name:Test Radio", lines);
        Assert.Contains("icy-genre:Testing", lines);
        Assert.Contains("icy-description:Tests", lines);
        Assert.Contains("icy-url:http://test.example", lines);
        Assert.Contains("icy-pub:0", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, line => line.StartsWith("Content-Length", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HEAD_answers_the_same_head_and_no_body()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        await encoder.SendAsync(Mp3Frames.Make(10));
        var (listener, head) = await TestListener.ConnectAsync(station, method: "HEAD");
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
        Assert.Contains("Content-Type: audio/mpeg\r\n", head);
        Assert.Empty(await listener.ReadToEndAsync());
    }

    [Fact]
    public async Task Max_listeners_refuses_the_one_too_many_and_frees_a_place_when_one_leaves()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { MaxListeners = 2 });
        var (first, _) = await TestListener.ConnectAsync(station);
        var (second, _) = await TestListener.ConnectAsync(station);
        await using (var third = await RawClient.ConnectAsync(station.ListenPort))
        {
            await third.SendAsync("GET /stream HTTP/1.0\r\n\r\n");
            Assert.StartsWith("HTTP/1.0 403 Forbidden\r\n", await third.ReadHeadAsync());
        }
        await station.Logs.WaitForAsync(line => line.Contains("Refused listener for /stream"));

        var left = station.Logs.WaitForAsync(line => line.Contains("left /stream"));
        await first.DisposeAsync();
        await left;
        var (fourth, head) = await TestListener.ConnectAsync(station);
        Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
        await fourth.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_paths_are_not_mounts()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(station.Url("/no-such-mount"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
