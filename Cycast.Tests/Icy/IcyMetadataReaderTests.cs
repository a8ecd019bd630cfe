using Cycast.Shared.Icy;

namespace Cycast.Tests.Icy;

/// <summary>The relay's side of ICY: blocks taken out of a stream however the reads split it, titles read from them.</summary>
public sealed class IcyMetadataReaderTests
{
    /// <summary>A stream as a server sends it: <paramref name="metaint"/> audio bytes, then a block, again and again.</summary>
    private static (byte[] Wire, byte[] Audio) Stream(int metaint, params string?[] titles)
    {
        var wire = new List<byte>();
        var audio = new List<byte>();
        foreach (var (title, index) in titles.Select((title, index) => (title, index)))
        {
            var piece = Enumerable.Range(0, metaint).Select(i => (byte)(i * 7 + index)).ToArray();
            audio.AddRange(piece);
            wire.AddRange(piece);
            wire.AddRange(title is null ? IcyMetadataBlock.Empty.ToArray() : IcyMetadataBlock.Encode(title));
        }
        return (wire.ToArray(), audio.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Audio_comes_out_whole_and_every_title_in_order_whatever_the_reads(int readSize)
    {
        var (wire, audio) = Stream(100, "Artist - One", null, "Two", "Ünïcode – Three");
        var reader = new IcyMetadataReader(100);
        var received = new List<byte>();
        var titles = new List<string>();
        for (var offset = 0; offset < wire.Length; offset += readSize)
        {
            var input = wire.AsSpan(offset, Math.Min(readSize, wire.Length - offset)).ToArray();
            // In place, as the relay reads it.
            var length = reader.Read(input, input, out var title);
            received.AddRange(input.Take(length));
            if (title is not null)
                titles.Add(title);
        }
        Assert.Equal(audio, received.ToArray());
        Assert.Equal(["Artist - One", "Two", "Ünïcode – Three"], titles);
    }

    [Fact]
    public void A_read_that_completes_several_blocks_gives_the_last_title_only_the_one_on_air_now()
    {
        var (wire, audio) = Stream(100, "One", "Two", null);
        var length = new IcyMetadataReader(100).Read(wire, wire, out var title);
        Assert.Equal(audio, wire[..length]);
        Assert.Equal("Two", title);
    }

    [Fact]
    public void A_latin1_block_from_a_shoutcast_server_is_read_as_latin1()
    {
        var block = System.Text.Encoding.Latin1.GetBytes("StreamTitle='Caf\u00e9';StreamUrl='';\0\0");
        Assert.Equal("Caf\u00e9", IcyMetadataReader.StreamTitle(block));
    }

    [Fact]
    public void A_block_without_a_title_gives_none()
    {
        Assert.Null(IcyMetadataReader.StreamTitle("StreamUrl='http://x';\0"u8));
    }
}
