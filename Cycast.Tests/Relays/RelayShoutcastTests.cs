using System.Net;
using System.Net.Sockets;
using System.Text;
using Cycast.Shared.Icy;
using Cycast.Tests.Support;

namespace Cycast.Tests.Relays;

/// <summary>
/// A relay of a SHOUTcast v1 server, whose answer HttpClient cannot even parse: <c>ICY 200 OK</c>, lower-case
/// <c>content-type</c>, <c>icy-*</c> headers, metadata blocks every <c>icy-metaint</c> bytes. No SHOUTcast server is
/// packaged for Debian, so the test answers as sc_serv 1.9.8 does, byte for byte, on a real socket.
/// </summary>
public sealed class RelayShoutcastTests
{
    private const int UpstreamMetaint = 8192;
    private const string Title = "Shoutcast Artist - Song";

    [Fact]
    public async Task A_shoutcast_v1_answer_is_relayed_with_its_name_its_title_and_its_frames_exactly()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""
                mount "/relay" {
                  relay {
                    url = "http://127.0.0.1:{{port}}/"
                  }
                }
                """,
        });
        using var upstream = await server.AcceptSocketAsync().WaitAsync(MountEvents.Patience);
        var request = await ReadRequestAsync(upstream);
        Assert.StartsWith("GET / HTTP/1.0\r\n", request);
        Assert.Contains("\r\nIcy-MetaData: 1\r\n", request);
        await upstream.SendAsync(Encoding.ASCII.GetBytes(
            "ICY 200 OK\r\nicy-notice1:<BR>This stream requires <a href=\"http://www.winamp.com/\">Winamp</a><BR>\r\n" +
            "icy-notice2:SHOUTcast Distributed Network Audio Server/Linux v1.9.8<BR>\r\nicy-name:Old School Radio\r\n" +
            $"icy-genre:Oldies\r\nicy-url:http://oldschool.example\r\ncontent-type:audio/mpeg\r\nicy-pub:1\r\nicy-metaint:{UpstreamMetaint}\r\nicy-br:128\r\n\r\n"));
        using var streaming = new CancellationTokenSource();
        var sending = StreamWithTitlesAsync(upstream, streaming.Token);
        await station.Logs.WaitForAsync(line => line.Contains($"Relay /relay is live from http://127.0.0.1:{port}/: audio/mpeg, titles every {UpstreamMetaint} bytes", StringComparison.Ordinal));

        var (titled, head) = await TestListener.ConnectAsync(station, "/relay", icy: true);
        await using var titledConnection = titled;
        Assert.Contains("icy-name:Old School Radio\r\n", head);
        Assert.Contains("icy-genre:Oldies\r\n", head);
        Assert.Equal(Title, await IcyTitles.NextNamedAsync(titled, 16000).WaitAsync(MountEvents.Patience));
        var (plain, _) = await TestListener.ConnectAsync(station, "/relay");
        await using (var recording = ListenerRecording.Start(plain))
        {
            await recording.WaitForBytesAsync(64 * 1024);
            // The upstream's frames exactly, whole and in order, with not a byte of its metadata blocks among them.
            var received = await recording.StopAsync();
            var frames = received.Length / Mp3Frames.FrameLength;
            var first = Enumerable.Range(0, 200).Single(index => Mp3Frames.Make(1, index).AsSpan().SequenceEqual(received.AsSpan(0, Mp3Frames.FrameLength)));
            Assert.Equal(Mp3Frames.Make(frames, first), received[..(frames * Mp3Frames.FrameLength)]);
        }
        streaming.Cancel();
        await sending;
    }

    private static async Task<string> ReadRequestAsync(Socket client)
    {
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await client.ReceiveAsync(buffer).WaitAsync(MountEvents.Patience);
            Assert.NotEqual(0, read);
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return head.ToString();
    }

    /// <summary>Numbered MP3 frames at about real time, with a metadata block every metaint bytes as the server's own interleaver lays them out.</summary>
    private static async Task StreamWithTitlesAsync(Socket upstream, CancellationToken stop)
    {
        var icy = new IcyInterleaver(UpstreamMetaint);
        var block = IcyMetadataBlock.Encode(Title);
        for (var index = 0; !stop.IsCancellationRequested; index += 10)
        {
            var audio = Mp3Frames.Make(10, index).AsMemory();
            while (!audio.IsEmpty)
            {
                var part = icy.AudioBeforeBlock(audio.Length);
                await upstream.SendAsync(audio[..part]);
                audio = audio[part..];
                if (icy.AudioSent(part))
                    await upstream.SendAsync(icy.TakeBlock(titleVersion: 1, block));
            }
            // Ten frames are a quarter of a second of audio: sent at that pace, as a server sends a live stream.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(0.25), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
