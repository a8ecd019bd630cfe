using System.Net;
using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// Titles and ice-* headers carry text and nothing else: no ICY field of their own, no control characters, no log
/// line of their own; an unknown charset is refused. An honest encoder and listener play on throughout.
/// </summary>
public sealed class TitleTextTests
{
    private const int Metaint = 1000;

    [Fact]
    public async Task A_quote_in_a_title_cannot_end_the_ICY_field_and_add_a_StreamUrl()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint });
        await using var honest = await HonestTraffic.StartAsync(station.SourcePort, station.ListenPort);
        var attackStart = HonestTraffic.Now;
        var (listener, _) = await TestListener.ConnectAsync(station, icy: true);
        await using var __ = listener;

        await TestEncoder.SetTitleAsync(station.SourcePort, "It's a trap';StreamUrl='http://evil/");

        var block = await NextTitleBlockAsync(listener, title => title.Contains("trap"));
        Assert.Equal("StreamTitle='It\u2019s a trap\u2019;StreamUrl=\u2019http://evil/';", block);
        honest.AssertNoGapSince(attackStart, "a title with quotes");
    }

    [Fact]
    public async Task Control_characters_are_removed_from_titles_and_ice_headers()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint });
        await using var honest = await HonestTraffic.StartAsync(station.SourcePort, station.ListenPort);
        var attackStart = HonestTraffic.Now;
        var (listener, _) = await TestListener.ConnectAsync(station, icy: true);
        await using var __ = listener;

        using (var update = await TestEncoder.MetadataAsync(station.SourcePort, "mount=/stream&mode=updinfo&song=A%00B%1B%5B31mC%0D%0AD%7F%20-%20T%09rack"))
            update.EnsureSuccessStatusCode();
        Assert.Equal("StreamTitle='AB[31mCD - Track';", await NextTitleBlockAsync(listener, title => title.Contains("Track")));

        // NUL, ESC and DEL fit in a header line; CR and LF would have ended it.
        await using var encoder = await TestEncoder.LiveAsync(station, "/other", extraHeaders: "ice-name: Evil\0\x1B[2JName\x7F\r\nice-genre: Ja\x01zz\r\n");
        var (other, head) = await TestListener.ConnectAsync(station, "/other");
        await using var ___ = other;
        Assert.Contains("icy-name:Evil[2JName\r\n", head);
        Assert.Contains("icy-genre:Jazz\r\n", head);
        honest.AssertNoGapSince(attackStart, "titles and headers with control characters");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("x-klingon")]
    public async Task An_unknown_charset_gets_400_and_one_warning_not_a_500(string charset)
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var response = await TestEncoder.MetadataAsync(station.SourcePort, $"mount=/stream&mode=updinfo&charset={charset}&song=x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown charset", await response.Content.ReadAsStringAsync());
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning") && line.Contains($"unknown charset {charset}"));
        Assert.DoesNotContain(station.Logs.Lines, line => line.StartsWith("Error") || line.StartsWith("Critical"));
    }

    [Fact]
    public async Task Nothing_a_request_sends_can_write_a_log_line_of_its_own()
    {
        await using var station = await TestStation.StartAsync();
        const string forged = "%0AWarning%3A%20forged%20line";
        using (var refused = await TestEncoder.MetadataAsync(station.SourcePort, $"mount=/stream{forged}&mode=updinfo&song=x", password: "wrong"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await station.Logs.WaitForAsync(line => line.Contains("Refused metadata update for /stream\\x0AWarning: forged line"));

        await using var source = await RawClient.ConnectAsync(station.SourcePort);
        await source.SendAsync($"SOURCE /stream{forged} HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\n\r\n");
        Assert.StartsWith("HTTP/1.0 400 Bad Request\r\n", await source.ReadHeadAsync());
        await station.Logs.WaitForAsync(line => line.Contains("request path '/stream\\x0AWarning: forged line' holds control characters"));

        // From another address: refusals of one kind from one address are logged once a minute.
        await using var junk = await RawClient.ConnectAsync(station.ListenPort, from: IPAddress.Parse("127.0.0.3"));
        await junk.SendAsync("GET /stream HTTP/1.0\r\nX\x1B[2J\x00: y\r\n\r\n");
        Assert.StartsWith("HTTP/1.0 400 Bad Request\r\n", await junk.ReadHeadAsync());
        await station.Logs.WaitForAsync(line => line.Contains("malformed header line 'X\\x1B[2J\\x00: y'"));

        Assert.DoesNotContain(station.Logs.Lines, line => line.Contains('\n') || line.Contains('\r') || line.Contains('\x1B'));
    }

    /// <summary>Reads the ICY stream until a block whose text matches; returns that text without its NUL padding.</summary>
    private static async Task<string> NextTitleBlockAsync(RawClient listener, Func<string, bool> match)
    {
        while (true)
        {
            await listener.ReadExactlyAsync(Metaint);
            var units = (await listener.ReadExactlyAsync(1))[0];
            if (units == 0)
                continue;
            var text = Encoding.UTF8.GetString(await listener.ReadExactlyAsync(units * 16)).TrimEnd('\0');
            if (match(text))
                return text;
        }
    }
}
