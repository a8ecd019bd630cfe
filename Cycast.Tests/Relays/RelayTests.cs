using Cycast.Tests.Support;

namespace Cycast.Tests.Relays;

/// <summary>
/// A mount relaying a real icecast2 mount, fed by a real ffmpeg encoder: its listeners decode the upstream's audio with
/// ffmpeg and get every title set upstream; the upstream going away and coming back never drops them; an on-demand
/// relay is a client of icecast2 only while someone listens.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class RelayTests
{
    private const int Metaint = 16000;

    /// <summary>A station whose <c>/relay</c> pulls icecast2's <c>/live</c>, and plays the repository's MP3s when it cannot.</summary>
    internal static StationOptions Relaying(RunningIcecast icecast, string options = "") => StationOptions.WithRepoMp3Playlist with
    {
        IcyMetaint = Metaint,
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""
            mount "/relay" {
              relay {
                url = "http://127.0.0.1:{{icecast.Port}}/live"
                retry_seconds = 0.2
                retry_max_seconds = 1
                {{options}}
              }
            }
            """,
    };

    [FactWhenInstalled("/usr/bin/icecast2", "icecast2")]
    public async Task Listeners_hear_the_upstream_with_every_title_then_the_fallback_while_it_is_down_then_it_again()
    {
        await using var icecast = await RunningIcecast.StartAsync();
        var encoder = await FfmpegStation.LiveMp3EncoderAsync(icecast, "/live", seconds: 600);
        await using var station = await TestStation.StartAsync(Relaying(icecast));
        await station.Logs.WaitForAsync(line => line.Contains("Relay /relay is live from http://127.0.0.1:", StringComparison.Ordinal));

        var (titled, head) = await TestListener.ConnectAsync(station, "/relay", icy: true);
        await using var titledConnection = titled;
        Assert.Contains($"icy-metaint:{Metaint}\r\n", head);
        var (plain, _) = await TestListener.ConnectAsync(station, "/relay");
        await using var recording = ListenerRecording.Start(plain);
        foreach (var song in new[] { "First Artist - One", "Second Artist - Two", "Third - Three" })
            await SetTitleUpstreamAndHearItAsync(icecast, titled, song);
        Assert.Equal(1, await icecast.ListenerCountAsync("/live"));

        // icecast2 killed: its source and the relay's pull drop with it, and it comes back without its source.
        var fallback = station.WhenSourceAsync("/relay", live: false);
        await encoder.DisposeAsync();
        await icecast.RestartAsync();
        await fallback;
        await recording.WaitForBytesAsync(recording.Count + 32 * 1024);
        // The relay is refused (404) until the encoder is back, then takes it up again on its own.
        await station.Logs.WaitForAsync(line => line.Contains("Relay /relay: cannot pull", StringComparison.Ordinal) && line.Contains("404", StringComparison.Ordinal));
        var back = station.WhenSourceAsync("/relay", live: true);
        await using var restarted = await FfmpegStation.LiveMp3EncoderAsync(icecast, "/live", seconds: 600);
        await back;
        await recording.WaitForBytesAsync(recording.Count + 32 * 1024);
        await SetTitleUpstreamAndHearItAsync(icecast, titled, "After - The Restart");

        // The same two connections throughout: ffmpeg decodes all the plain one got, upstream, fallback and upstream again.
        // A killed server drops its stream mid-frame: the relay never passed that frame on, so there is no broken one.
        await FfmpegStation.AssertMp3DecodesAsync(await recording.StopAsync());
        Assert.Equal(1, await icecast.ListenerCountAsync("/live"));
    }

    [FactWhenInstalled("/usr/bin/icecast2", "icecast2")]
    public async Task An_on_demand_relay_is_a_client_of_its_upstream_only_while_someone_listens()
    {
        await using var icecast = await RunningIcecast.StartAsync();
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(icecast, "/live", seconds: 600);
        await using var station = await TestStation.StartAsync(Relaying(icecast, "on_demand = true"));
        await TestListener.HearAsync(station, "/stream");
        await station.Logs.WaitForAsync(line => line.Contains("Mount /relay's entity runs here", StringComparison.Ordinal));
        Assert.Equal(0, await icecast.ListenerCountAsync("/live"));

        var (listener, _) = await TestListener.ConnectAsync(station, "/relay");
        await station.Logs.WaitForAsync(line => line.Contains("Relay /relay is live from", StringComparison.Ordinal));
        Assert.Equal(1, await icecast.ListenerCountAsync("/live"));
        await listener.DisposeAsync();

        await station.Logs.WaitForAsync(line => line.Contains("Relay /relay: no listener left, stops pulling", StringComparison.Ordinal));
        await UpstreamListenersAsync(icecast, 0);
        Assert.DoesNotContain(station.Logs.Lines, line => line.Contains("Relay /relay: the pull from", StringComparison.Ordinal));
    }

    [FactWhenInstalled("/usr/bin/icecast2", "icecast2")]
    public async Task An_ogg_vorbis_upstream_is_relayed_as_a_stream_ffmpeg_decodes()
    {
        await using var icecast = await RunningIcecast.StartAsync();
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=660:sample_rate=44100:duration=600 -c:a libvorbis -b:a 96k " +
            $"-content_type application/ogg -f ogg icecast://source:{TestStation.Password}@127.0.0.1:{icecast.Port}/live");
        await icecast.WaitForSourceAsync("/live");
        await using var station = await TestStation.StartAsync(Relaying(icecast));
        await station.Logs.WaitForAsync(line => line.Contains("Relay /relay is live from http://127.0.0.1:", StringComparison.Ordinal) && line.Contains("application/ogg", StringComparison.Ordinal));
        await FfmpegStation.AssertDecodesAsync(station, "/relay", "vorbis", TimeSpan.FromSeconds(2));
    }

    /// <summary>Sets the title on icecast2 and reads the relay's ICY blocks until one carries it.</summary>
    private static async Task SetTitleUpstreamAndHearItAsync(RunningIcecast icecast, RawClient listener, string song)
    {
        await icecast.UpdateTitleAsync("/live", song);
        var heard = new List<string>();
        await Task.Run(async () =>
        {
            while (heard.LastOrDefault() != song)
                heard.Add(await IcyTitles.NextNamedAsync(listener, Metaint));
        }).WaitAsync(MountEvents.Patience);
    }

    /// <summary>icecast2 lets a client go when it notices the connection closed, which it announces nowhere: its list is asked again.</summary>
    internal static async Task UpstreamListenersAsync(RunningIcecast icecast, int count)
    {
        for (var attempt = 0; await icecast.ListenerCountAsync("/live") != count; attempt++)
        {
            Assert.True(attempt < 100, $"icecast2 never had {count} listeners on /live");
            await Task.Delay(100);
        }
    }
}
