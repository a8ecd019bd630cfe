using System.Text.RegularExpressions;
using Cycast.Node.Observability;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary><c>advanced.access_log</c>: one line per finished listener request, in the layout icecast2 writes.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class AccessLogTests
{
    private const string Request = "GET /stream HTTP/1.0\r\nUser-Agent: Player/2.0 (\"quoted\")\r\nReferer: http://ref.example/page\r\n\r\n";

    [Fact]
    public void A_line_is_the_combined_format_with_the_sessions_seconds_and_a_clients_quotes_and_line_breaks_as_dots()
    {
        var line = AccessLogLine.Format("10.0.0.7", null, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)),
            "GET /stream HTTP/1.1", 200, 14244, null, "VLC \"3\"\n", TimeSpan.FromSeconds(62.9));

        Assert.Equal("10.0.0.7 - - [04/Mar/2026:03:06:07 +0000] \"GET /stream HTTP/1.1\" 200 14244 \"-\" \"VLC .3..\" 62", line);
    }

    [Fact]
    public async Task A_listener_session_is_logged_as_icecast2_logs_the_same_session()
    {
        var icecastLine = await IcecastLineAsync();
        var path = Path.Combine(Path.GetTempPath(), $"cycast-access-{Guid.NewGuid():N}.log");
        try
        {
            await using (var station = await TestStation.StartAsync(new StationOptions { AccessLog = path }))
            {
                await using var encoder = await TestEncoder.LiveAsync(station);
                await encoder.SendAsync(Mp3Frames.Make(20));
                var left = station.Logs.WaitForAsync(line => line.Contains("left /stream"));
                await ListenAndHangUpAsync(station.ListenPort);
                await left;
            }
            // The station has stopped: every line it took is on disk.
            var cycastLine = Assert.Single(await File.ReadAllLinesAsync(path));

            Assert.Equal(Shape(icecastLine), Shape(cycastLine));
            Assert.Matches(@" 200 [1-9]\d* ""http://ref.example/page"" ""Player/2.0 \(\.quoted\.\)"" \d+$", cycastLine);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The line with what differs between two runs (the time, bytes and seconds) blanked.</summary>
    private static string Shape(string line) =>
        Regex.Replace(Regex.Replace(line, @"\[[^\]]+\]", "[TIME]"), @""" 200 \d+ ""(.*)"" \d+$", @""" 200 BYTES ""$1"" SECONDS");

    private static async Task<string> IcecastLineAsync()
    {
        await using var icecast = await RunningIcecast.StartAsync();
        var (encoder, reply) = await TestEncoder.SourceAsync(icecast.Port);
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        await encoder.SendAsync(Mp3Frames.Make(20));
        await ListenAndHangUpAsync(icecast.Port);
        // icecast2 notices a listener has gone only when it next writes to it, or when the source goes.
        await encoder.DisposeAsync();
        return await icecast.WaitForAccessLogLineAsync(line => line.Contains("\"GET /stream"));
    }

    private static async Task ListenAndHangUpAsync(int port)
    {
        await using var listener = await RawClient.ConnectAsync(port);
        await listener.SendAsync(Request);
        Assert.StartsWith("HTTP/1.0 200 OK", await listener.ReadHeadAsync());
        await listener.ReadSomeAsync();
    }
}
