using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Icecast's moveclients: the listeners of one mount go on hearing another, on the same connection, from a frame of
/// it, with the ICY layout unbroken; replies as a running icecast2 2.4.4 gave them.
/// </summary>
public sealed class MoveClientsTests
{
    private const string AdminPassword = "letmein";
    private const int Metaint = 1000;

    private static readonly StationOptions TwoMounts = new()
    {
        IcyMetaint = Metaint,
        ExtraBlocks = $$"""
            admin { password = "{{AdminPassword}}" }
            mount "/other" { }
            mount "/ogg" { }
            mount "/aac" { }
            """,
    };

    [Fact]
    public async Task Moved_listeners_hear_the_destination_from_a_whole_frame_on_the_same_connection_under_the_same_id()
    {
        await using var station = await TestStation.StartAsync(TwoMounts);
        await using var first = await TestEncoder.LiveAsync(station);
        await using var second = await TestEncoder.LiveAsync(station, "/other");
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        var before = Mp3Frames.Make(5);
        await first.SendAsync(before);
        Assert.Equal(before, await listener.ReadExactlyAsync(before.Length));
        var id = (string?)(await ListClientsAsync(station, "/stream")).Descendants("ID").Single();

        using var moved = await AdminAsync(station, "/admin/moveclients?mount=/stream&destination=/other");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("<?xml version=\"1.0\"?>\n<iceresponse><message>Clients moved from /stream to /other</message><return>1</return></iceresponse>\n",
            await moved.Content.ReadAsStringAsync());

        // /other's encoder plays on in real time; whenever the move lands, the listener gets its frames from a whole one on.
        var after = Enumerable.Range(1000, 200).Select(index => Mp3Frames.Make(1, firstIndex: index)).ToArray();
        using var playing = new CancellationTokenSource();
        var encoder = PlayAsync(second, after, playing.Token);
        var heard = await listener.ReadExactlyAsync(Mp3Frames.FrameLength);
        var index = Array.FindIndex(after, frame => frame.SequenceEqual(heard));
        Assert.True(index >= 0, "the first bytes after the move are a whole frame of /other");
        for (var next = index + 1; next < index + 5; next++)
            Assert.Equal(after[next], await listener.ReadExactlyAsync(Mp3Frames.FrameLength));
        await playing.CancelAsync();
        await encoder;

        Assert.Equal(id, (string?)(await ListClientsAsync(station, "/other")).Descendants("ID").Single());
        Assert.Empty((await ListClientsAsync(station, "/stream")).Descendants("listener"));
    }

    [Fact]
    public async Task A_moved_icy_listener_keeps_its_block_every_metaint_bytes_and_gets_the_destinations_title()
    {
        await using var station = await TestStation.StartAsync(TwoMounts);
        await using var first = await TestEncoder.LiveAsync(station);
        await using var second = await TestEncoder.LiveAsync(station, "/other");
        using (var title = await TestEncoder.MetadataAsync(station.SourcePort, "mount=/other&mode=updinfo&song=Other%20-%20Song"))
            title.EnsureSuccessStatusCode();
        var (listener, _) = await TestListener.ConnectAsync(station, icy: true);
        await using var _ = listener;
        // Two and a half blocks' worth on /stream: the move lands in the middle of a metaint.
        await first.SendAsync(Mp3Frames.Make(6));
        await ReadTitleBlocksAsync(listener, 2, title => Assert.Equal("", title));
        Assert.Equal(Mp3Frames.FrameLength * 6 - 2 * Metaint, (await listener.ReadExactlyAsync(Mp3Frames.FrameLength * 6 - 2 * Metaint)).Length);

        using (var moved = await AdminAsync(station, "/admin/moveclients?mount=/stream&destination=/other"))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var playing = new CancellationTokenSource();
        var encoder = PlayAsync(second, Enumerable.Range(0, 400).Select(index => Mp3Frames.Make(1, firstIndex: index)).ToArray(), playing.Token);
        // The block due after /stream's audio comes exactly where it was due, and carries /other's title in full.
        var titles = new List<string>();
        await ReadTitleBlocksAsync(listener, 3, titles.Add, firstAudio: 3 * Metaint - Mp3Frames.FrameLength * 6);
        await playing.CancelAsync();
        await encoder;
        Assert.Equal(["Other - Song", "", ""], titles);
    }

    [Fact]
    public async Task Moves_that_cannot_be_made_get_icecasts_errors_and_a_listener_stays_where_its_player_can_follow()
    {
        await using var station = await TestStation.StartAsync(TwoMounts);
        await using var first = await TestEncoder.LiveAsync(station);
        var oggLive = station.WhenSourceAsync("/ogg", live: true);
        await using var ogg = await RawClient.ConnectAsync(station.SourcePort);
        await ogg.SendAsync($"SOURCE /ogg HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\nContent-Type: application/ogg\r\n\r\n");
        Assert.StartsWith("HTTP/1.0 200 OK", await ogg.ReadHeadAsync());
        await oggLive;
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;

        foreach (var (query, error) in new[]
        {
            ("mount=/stream&destination=/nope", "No such destination"),
            ("mount=/nope&destination=/other", "Source does not exist"),
            ("mount=/stream&destination=/stream", "supplied mountpoints are identical"),
        })
        {
            using var refused = await AdminAsync(station, "/admin/moveclients?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"<b>400 - {error}</b>", await refused.Content.ReadAsStringAsync());
        }
        // Without a destination, Icecast lists the other mounts on air (with a live source), where the listeners could go.
        using (var listing = await AdminAsync(station, "/admin/moveclients?mount=/stream"))
        {
            var document = XElement.Parse(await listing.Content.ReadAsStringAsync());
            Assert.Equal("/stream", (string?)document.Element("current_source"));
            Assert.Equal(["/ogg"], document.Elements("source").Select(source => (string?)source.Attribute("mount")));
        }

        // An MP3 player cannot follow an Ogg stream: the listener stays on /stream and goes on hearing it.
        using (var moved = await AdminAsync(station, "/admin/moveclients?mount=/stream&destination=/ogg"))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await station.Logs.WaitForAsync(line => line.Contains("stays on /stream") && line.Contains("/ogg streams application/ogg"));
        // Nor an AAC stream.
        await using var aac = await TestEncoder.LiveAsync(station, "/aac", contentType: "audio/aac");
        using (var moved = await AdminAsync(station, "/admin/moveclients?mount=/stream&destination=/aac"))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await station.Logs.WaitForAsync(line => line.Contains("stays on /stream") && line.Contains("/aac streams audio/aac"));
        var audio = Mp3Frames.Make(4);
        await first.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }

    /// <summary>Reads <paramref name="blocks"/> ICY blocks and the audio before each, handing each block's title on.</summary>
    private static async Task ReadTitleBlocksAsync(RawClient listener, int blocks, Action<string> title, int firstAudio = Metaint)
    {
        for (var block = 0; block < blocks; block++)
        {
            await listener.ReadExactlyAsync(block == 0 ? firstAudio : Metaint);
            var length = (await listener.ReadExactlyAsync(1))[0] * 16;
            var text = length == 0 ? "" : Encoding.UTF8.GetString(await listener.ReadExactlyAsync(length)).TrimEnd('\0');
            title(text.Length == 0 ? "" : text["StreamTitle='".Length..text.IndexOf("';", StringComparison.Ordinal)]);
        }
    }

    /// <summary>An encoder playing <paramref name="frames"/> about in real time, until told to stop.</summary>
    private static async Task PlayAsync(RawClient encoder, byte[][] frames, CancellationToken stop)
    {
        try
        {
            foreach (var frame in frames)
            {
                await encoder.SendAsync(frame);
                await Task.Delay(26, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<XElement> ListClientsAsync(TestStation station, string mount)
    {
        using var response = await AdminAsync(station, $"/admin/listclients?mount={mount}");
        return XElement.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> AdminAsync(TestStation station, string pathAndQuery)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, station.Url(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
