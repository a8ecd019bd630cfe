using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>The ICY layout, checked byte by byte as a Shoutcast-era player would parse it.</summary>
public sealed class IcyMetadataTests
{
    private const int Metaint = 1000;

    [Fact]
    public async Task Blocks_come_every_metaint_bytes_with_the_title_then_empty_until_it_changes()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint });
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (listener, head) = await TestListener.ConnectAsync(station, icy: true);
        await using var _ = listener;
        Assert.Contains($"icy-metaint:{Metaint}\r\n", head);

        var first = Mp3Frames.Make(5);
        await encoder.SendAsync(first);
        // 2085 bytes of audio: a block after byte 1000 and after byte 2000.
        Assert.Equal(first[..Metaint], await listener.ReadExactlyAsync(Metaint));
        var initial = Encoding.ASCII.GetBytes("StreamTitle='';");
        Assert.Equal([1, .. initial, 0], await listener.ReadExactlyAsync(17));
        Assert.Equal(first[Metaint..(2 * Metaint)], await listener.ReadExactlyAsync(Metaint));
        Assert.Equal([0], await listener.ReadExactlyAsync(1));
        Assert.Equal(first[(2 * Metaint)..], await listener.ReadExactlyAsync(first.Length - 2 * Metaint));

        await TestEncoder.SetTitleAsync(station.SourcePort, "Daft Punk - Around the World");
        var second = Mp3Frames.Make(5, firstIndex: 5);
        await encoder.SendAsync(second);
        var untilBlock = 3 * Metaint - first.Length;
        Assert.Equal(second[..untilBlock], await listener.ReadExactlyAsync(untilBlock));
        var title = Encoding.UTF8.GetBytes("StreamTitle='Daft Punk - Around the World';");
        var units = (title.Length + 15) / 16;
        var expectedBlock = new byte[1 + units * 16];
        expectedBlock[0] = (byte)units;
        title.CopyTo(expectedBlock, 1);
        Assert.Equal(expectedBlock, await listener.ReadExactlyAsync(expectedBlock.Length));
        Assert.Equal(second[untilBlock..(untilBlock + Metaint)], await listener.ReadExactlyAsync(Metaint));
        Assert.Equal([0], await listener.ReadExactlyAsync(1));
    }

    [Fact]
    public async Task Without_Icy_MetaData_the_stream_is_pure_audio_and_announces_no_metaint()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint });
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (listener, head) = await TestListener.ConnectAsync(station, icy: false);
        await using var _ = listener;
        Assert.DoesNotContain("icy-metaint", head);
        var audio = Mp3Frames.Make(10);
        await encoder.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }

    [Fact]
    public async Task With_enable_icy_off_no_blocks_are_spliced_even_when_asked()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint, EnableIcy = false });
        await using var encoder = await TestEncoder.LiveAsync(station);
        var (listener, head) = await TestListener.ConnectAsync(station, icy: true);
        await using var _ = listener;
        Assert.DoesNotContain("icy-metaint", head);
        var audio = Mp3Frames.Make(10);
        await encoder.SendAsync(audio);
        Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));
    }
}
