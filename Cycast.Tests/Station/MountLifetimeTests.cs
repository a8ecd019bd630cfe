using System.Net;
using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>Only configured mounts live forever: one an encoder created goes once nobody uses it, and max_mounts caps them.</summary>
public sealed class MountLifetimeTests
{
    [Fact]
    public async Task A_mount_an_encoder_created_goes_away_once_it_has_no_source_and_no_listener_and_a_configured_one_stays()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            MountIdleSeconds = 0.5,
            ExtraBlocks = """mount "/configured" { }""",
        });
        var retired = MountEvents.WaitAsync(station.System, (MountRetired mount) => mount.MountPath == "/created");
        var encoder = await TestEncoder.LiveAsync(station, "/created");
        var (listener, head) = await TestListener.ConnectAsync(station, "/created");
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        var audio = Mp3Frames.Make(4);
        await encoder.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
        await listener.DisposeAsync();
        await encoder.DisposeAsync();

        await retired;
        // Its replica and ring are gone, the node no longer serves it, and its metrics series are gone with it.
        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            station.System.ActorSelection("/user/mounts/" + Uri.EscapeDataString("/created")).ResolveOne(TimeSpan.FromSeconds(1)));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(station.Url("/created"), HttpCompletionOption.ResponseHeadersRead)).StatusCode);
        Assert.DoesNotContain("mount=\"/created\"", await http.GetStringAsync(station.Url("/metrics")));
        // The configured mount, as idle as the other for longer, is still there.
        var (configured, configuredHead) = await TestListener.ConnectAsync(station, "/configured", method: "HEAD");
        await configured.DisposeAsync();
        Assert.StartsWith("HTTP/1.0 200 OK", configuredHead);
    }

    [Fact]
    public async Task Past_max_mounts_a_new_mount_gets_403_and_a_known_one_still_goes_live()
    {
        // The main mount counts: with a cap of 2, one more mount fits.
        await using var station = await TestStation.StartAsync(new StationOptions { MaxMounts = 2, MountIdleSeconds = 0.5 });
        var first = await TestEncoder.LiveAsync(station, "/first");
        var (second, reply) = await TestEncoder.SourceAsync(station, "/second");
        await using (second)
        {
            Assert.StartsWith("HTTP/1.0 403 Forbidden\r\n", reply);
            Assert.Equal("Too many mounts", System.Text.Encoding.Latin1.GetString(await second.ReadToEndAsync()));
        }
        await station.Logs.WaitForAsync(line => line.Contains("Refused source for /second") && line.Contains("max_mounts"));

        // Once /first has gone, there is room again.
        var retired = MountEvents.WaitAsync(station.System, (MountRetired mount) => mount.MountPath == "/first");
        await first.DisposeAsync();
        await retired;
        await using var again = await TestEncoder.LiveAsync(station, "/second");
    }
}
