using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>Encoders are answered exactly as Icecast 2.4 answers them (replies checked against a running icecast2).</summary>
public sealed class SourceProtocolTests
{
    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_password_gets_401_with_a_challenge_and_is_logged(string? password)
    {
        await using var station = await TestStation.StartAsync();
        await using var client = await RawClient.ConnectAsync(station.SourcePort);
        var auth = password is null ? "" : $"Authorization: {TestEncoder.Auth(password)}\r\n";
        await client.SendAsync($"SOURCE /stream HTTP/1.0\r\n{auth}\r\n");
        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.0 401 Authentication Required\r\n", head);
        Assert.Contains("WWW-Authenticate: Basic realm=\"Icecast2 Server\"\r\n", head);
        // libshout tries without credentials first, at every connect: that routine step is logged at debug only.
        var level = password is null ? "Debug" : "Warning";
        await station.Logs.WaitForAsync(line => line.StartsWith(level) && line.Contains("Refused source for /stream from 127.0.0.1"));
    }

    [Fact]
    public async Task A_second_source_for_a_live_mount_gets_403_and_the_first_plays_on()
    {
        await using var station = await TestStation.StartAsync();
        await using var first = await TestEncoder.LiveAsync(station);
        var (second, reply) = await TestEncoder.SourceAsync(station);
        await using (second)
        {
            Assert.StartsWith("HTTP/1.0 403 Forbidden\r\n", reply);
            Assert.Equal("Mountpoint in use", Encoding.Latin1.GetString(await second.ReadToEndAsync()));
        }
        await station.Logs.WaitForAsync(line => line.Contains("already has a live source"));

        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        var audio = Mp3Frames.Make(4);
        await first.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("SOURCE stream HTTP/1.0\r\n\r\n")]
    [InlineData("SOURCE /stream HTTP/9.9\r\n\r\n")]
    [InlineData("SOURCE /stream HTTP/1.0\r\nno colon here\r\n\r\n")]
    public async Task A_malformed_head_gets_400_and_a_log_line(string request)
    {
        await using var station = await TestStation.StartAsync();
        await using var client = await RawClient.ConnectAsync(station.SourcePort);
        await client.SendAsync(request);
        Assert.StartsWith("HTTP/1.0 400 Bad Request\r\n", await client.ReadHeadAsync());
        await station.Logs.WaitForAsync(line => line.Contains("malformed request head"));
    }

    [Fact]
    public async Task Icecast_2_4_PUT_with_expect_100_continue_streams_an_unbounded_body()
    {
        await using var station = await TestStation.StartAsync();
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        await using var encoder = await RawClient.ConnectAsync(station.SourcePort);
        var live = station.WhenSourceAsync("/stream", live: true);
        await encoder.SendAsync($"PUT /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {TestEncoder.Auth()}\r\n" +
                                "Content-Type: audio/mpeg\r\nExpect: 100-continue\r\nice-name: Put Radio\r\n\r\n");
        Assert.Equal("HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n", await encoder.ReadHeadAsync());
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await encoder.ReadHeadAsync());
        await live;
        var audio = Mp3Frames.Make(50);
        await encoder.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }

    [Fact]
    public async Task A_chunked_PUT_body_reaches_listeners_without_its_framing()
    {
        await using var station = await TestStation.StartAsync();
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        await using var encoder = await RawClient.ConnectAsync(station.SourcePort);
        var live = station.WhenSourceAsync("/stream", live: true);
        await encoder.SendAsync($"PUT /stream HTTP/1.1\r\nHost: x\r\nAuthorization: {TestEncoder.Auth()}\r\n" +
                                "Content-Type: audio/mpeg\r\nTransfer-Encoding: chunked\r\n\r\n");
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await encoder.ReadHeadAsync());
        await live;
        var audio = Mp3Frames.Make(20);
        foreach (var piece in audio.Chunk(777))
        {
            await encoder.SendAsync($"{piece.Length:x};ext=1\r\n");
            await encoder.SendAsync(piece);
            await encoder.SendAsync("\r\n");
        }
        var gone = station.WhenSourceAsync("/stream", live: false);
        await encoder.SendAsync("0\r\n\r\n");
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
        await gone;
    }

    [Fact]
    public async Task Legacy_ICE_1_0_SOURCE_is_accepted()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await RawClient.ConnectAsync(station.SourcePort);
        await encoder.SendAsync($"SOURCE /stream ICE/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\ncontent-type: audio/mpeg\r\n\r\n");
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await encoder.ReadHeadAsync());
    }

    [Fact]
    public async Task A_silent_source_is_dropped_after_source_timeout_and_listeners_stay_for_the_next_one()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { SourceTimeoutSeconds = 0.5 });
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        var gone = station.WhenSourceAsync("/stream", live: false);
        await using (var quiet = await TestEncoder.LiveAsync(station))
        {
            await gone;
            Assert.Empty(await quiet.ReadToEndAsync());
        }
        await station.Logs.WaitForAsync(line => line.Contains("source_timeout"));

        await using var next = await TestEncoder.LiveAsync(station);
        var audio = Mp3Frames.Make(10);
        await next.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }

    [Fact]
    public async Task The_encoders_ice_headers_override_the_station_metadata_while_it_is_live()
    {
        await using var station = await TestStation.StartAsync();
        var (before, beforeHead) = await TestListener.ConnectAsync(station, method: "HEAD");
        await before.DisposeAsync();
        Assert.Contains("icy-name:Test Radio\r\n", beforeHead);

        await using var encoder = await TestEncoder.LiveAsync(station, extraHeaders:
            "ice-name: Live Show\r\nice-genre: Jazz\r\nice-description: Tonight\r\nice-url: http://live.example\r\nice-public: 1\r\nice-bitrate: 128\r\nice-audio-info: bitrate=128\r\n");
        var (during, head) = await TestListener.ConnectAsync(station, method: "HEAD");
        await during.DisposeAsync();
        Assert.Contains("icy-name:Live Show\r\n", head);
        Assert.Contains("icy-genre:Jazz\r\n", head);
        Assert.Contains("icy-description:Tonight\r\n", head);
        Assert.Contains("icy-url:http://live.example\r\n", head);
        Assert.Contains("icy-pub:1\r\n", head);
        Assert.Contains("icy-br:128\r\n", head);
        Assert.Contains("ice-audio-info: bitrate=128\r\n", head);
    }
}
