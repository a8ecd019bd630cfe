using System.Text;
using Cycast.Shared.Icy;

namespace Cycast.Tests.Icy;

/// <summary>
/// The ICY interleaver driven the way a listener session drives it, piece by piece, and its output read back the way a
/// Shoutcast-era player reads it: metaint audio bytes, a length byte, length × 16 bytes of metadata, and so on.
/// </summary>
public sealed class IcyInterleaverTests
{
    private static readonly byte[] Title = IcyMetadataBlock.Encode("Artist - Song");

    [Theory]
    [InlineData(8, new[] { 8, 8, 8 })]
    [InlineData(8, new[] { 3, 5, 1, 7, 8 })]
    [InlineData(8, new[] { 20, 4 })]
    [InlineData(8, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(1, new[] { 5 })]
    [InlineData(16000, new[] { 4096, 4096, 4096, 4096, 4096 })]
    public void A_block_follows_every_metaint_audio_bytes_however_the_audio_is_cut(int metaint, int[] pieces)
    {
        var audio = Audio(pieces.Sum());
        var icy = new IcyInterleaver(metaint);

        var (heard, blocks) = Play(Send(icy, audio, pieces, titleVersion: 1), metaint);

        Assert.Equal(audio, heard);
        Assert.Equal(audio.Length / metaint, blocks.Count);
        Assert.Equal(Title, blocks[0]);
        Assert.All(blocks.Skip(1), block => Assert.Equal(IcyMetadataBlock.Empty.ToArray(), block));
    }

    [Fact]
    public void No_piece_of_audio_goes_past_a_block_boundary()
    {
        var icy = new IcyInterleaver(10);

        Assert.Equal(4, icy.AudioBeforeBlock(4));
        Assert.False(icy.AudioSent(4));
        Assert.Equal(6, icy.AudioBeforeBlock(100));
        Assert.True(icy.AudioSent(6));
        Assert.True(icy.IsBlockDue);
        Assert.Equal(0, icy.AudioBeforeBlock(100));

        icy.TakeBlock(1, Title);

        Assert.False(icy.IsBlockDue);
        Assert.Equal(10, icy.AudioBeforeBlock(100));
    }

    [Fact]
    public void The_title_goes_out_in_full_once_per_version_then_empty_blocks()
    {
        var icy = new IcyInterleaver(4);
        var renamed = IcyMetadataBlock.Encode("Other - Song");

        Assert.Equal(Title, icy.TakeBlock(1, Title).ToArray());
        Assert.Equal([0], icy.TakeBlock(1, Title).ToArray());
        Assert.Equal(renamed, icy.TakeBlock(2, renamed).ToArray());
        Assert.Equal([0], icy.TakeBlock(2, renamed).ToArray());
    }

    [Fact]
    public void After_a_switch_of_mount_the_next_block_carries_the_title_again()
    {
        var icy = new IcyInterleaver(4);
        icy.TakeBlock(3, Title);

        icy.ResendTitle();

        Assert.Equal(Title, icy.TakeBlock(3, Title).ToArray());
    }

    [Fact]
    public void A_title_block_is_its_length_in_16_byte_units_then_the_field_padded_with_nuls()
    {
        var block = IcyMetadataBlock.Encode("Daft Punk - Around the World");
        var field = Encoding.ASCII.GetBytes("StreamTitle='Daft Punk - Around the World';");

        Assert.Equal(1 + block[0] * 16, block.Length);
        Assert.Equal((field.Length + 15) / 16, block[0]);
        Assert.Equal(field, block[1..(1 + field.Length)]);
        Assert.All(block[(1 + field.Length)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_field_of_a_whole_number_of_units_gets_no_padding()
    {
        // "StreamTitle='" and "';" are 15 bytes, so a 17-byte title makes exactly two units.
        var block = IcyMetadataBlock.Encode(new string('t', 17));

        Assert.Equal(2, block[0]);
        Assert.Equal(33, block.Length);
        Assert.Equal((byte)';', block[^1]);
    }

    [Fact]
    public void An_empty_title_is_an_empty_field_in_one_unit()
    {
        Assert.Equal([1, .. Encoding.ASCII.GetBytes("StreamTitle='';"), 0], IcyMetadataBlock.Encode(null));
        Assert.Equal(IcyMetadataBlock.Encode(null), IcyMetadataBlock.Encode(""));
    }

    [Fact]
    public void A_title_too_long_for_255_units_is_cut_between_characters()
    {
        var block = IcyMetadataBlock.Encode(new string('é', 3000));

        Assert.Equal(255, block[0]);
        Assert.Equal(1 + IcyMetadataBlock.MaxPayload, block.Length);
        var field = Encoding.UTF8.GetString(block.AsSpan(1).TrimEnd((byte)0));
        Assert.StartsWith("StreamTitle='éé", field);
        Assert.EndsWith("é';", field);
        Assert.DoesNotContain('\uFFFD', field);
    }

    /// <summary>What a listener session writes to the socket for <paramref name="audio"/> arriving in <paramref name="pieces"/>.</summary>
    private static byte[] Send(IcyInterleaver icy, byte[] audio, int[] pieces, int titleVersion)
    {
        var wire = new List<byte>();
        var offset = 0;
        foreach (var length in pieces)
        {
            var piece = audio.AsMemory(offset, length);
            offset += length;
            while (!piece.IsEmpty)
            {
                if (icy.IsBlockDue)
                    wire.AddRange(icy.TakeBlock(titleVersion, Title).ToArray());
                var sent = icy.AudioBeforeBlock(piece.Length);
                wire.AddRange(piece[..sent].ToArray());
                icy.AudioSent(sent);
                piece = piece[sent..];
            }
        }
        if (icy.IsBlockDue)
            wire.AddRange(icy.TakeBlock(titleVersion, Title).ToArray());
        return [.. wire];
    }

    /// <summary>Splits the wire bytes the way a player does: the audio it plays and each metadata block, length byte included.</summary>
    private static (byte[] Audio, List<byte[]> Blocks) Play(byte[] wire, int metaint)
    {
        var audio = new List<byte>();
        var blocks = new List<byte[]>();
        var position = 0;
        while (position < wire.Length)
        {
            var run = Math.Min(metaint, wire.Length - position);
            audio.AddRange(wire.AsSpan(position, run));
            position += run;
            if (position == wire.Length)
                break;
            var blockLength = 1 + wire[position] * 16;
            blocks.Add(wire[position..(position + blockLength)]);
            position += blockLength;
        }
        return ([.. audio], blocks);
    }

    private static byte[] Audio(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1))];
}
