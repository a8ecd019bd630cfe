using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

/// <summary>
/// What is particular to ADTS: its header and a real encoder's frames. The resync logic it shares with MP3 is tested
/// in <see cref="Mp3FrameScannerTests"/> and fuzzed for both.
/// </summary>
public sealed class AdtsFrameScannerTests
{
    [Fact]
    public void Every_frame_of_ffmpegs_aac_encoder_but_the_last_is_a_join_point_however_the_stream_is_cut()
    {
        var stream = TestAudio.Adts;
        var offsets = new List<long>();
        for (var at = 0; at < stream.Length;)
        {
            Assert.True(AdtsFrameHeader.TryParse(stream.AsSpan(at), out var header), $"no ADTS header at {at}");
            offsets.Add(at);
            at += header.FrameLength;
        }

        Assert.True(offsets.Count > 50);
        Assert.Equal(offsets[..^1], Feeding.InPieces(new AdtsFrameScanner(), stream, stream.Length));
        for (var seed = 0; seed < 20; seed++)
            Assert.Equal(offsets[..^1], Feeding.InRandomPieces(new AdtsFrameScanner(), stream, seed, maxPieceSize: 3000));
    }

    [Fact]
    public void The_header_of_ffmpegs_first_frame_says_aac_lc_at_44100_hz_in_stereo()
    {
        Assert.True(AdtsFrameHeader.TryParse(TestAudio.Adts, out var header));

        Assert.Equal((false, 1, 44100, 2, 1), (header.Mpeg2, header.Profile, header.SampleRate, header.ChannelConfiguration, header.RawDataBlocks));
        Assert.Equal(TimeSpan.FromTicks(1024 * TimeSpan.TicksPerSecond / 44100), header.Duration);
    }

    [Fact]
    public void Lone_headers_in_garbage_and_a_rate_change_are_not_join_points()
    {
        var garbage = SyntheticMp3.SyncFreeGarbage(3000, seed: 4);
        for (var at = 100; at < 2500; at += 487)
            SyntheticAdts.Header(300).CopyTo(garbage, at);
        var frames = SyntheticAdts.Frames(3, out var offsets);
        // A frame at 48 kHz right after 44.1 kHz ones cannot be their successor: the last 44.1 kHz frame is not confirmed.
        byte[] stream = [.. garbage, .. frames, .. SyntheticAdts.Header(100, sampleRateIndex: 3), .. new byte[93]];

        Assert.Equal([garbage.Length + offsets[0], garbage.Length + offsets[1]], Feeding.InPieces(new AdtsFrameScanner(), stream, 500));
    }

    [Fact]
    public void Mp3_frames_are_not_adts_nor_adts_frames_mp3()
    {
        Assert.Empty(Feeding.InPieces(new AdtsFrameScanner(), SyntheticMp3.Frames(10, out _), 1000));
        Assert.Empty(Feeding.InPieces(new AdtsFrameScanner(), TestAudio.Cbr128Mp3, 1000));
        Assert.Empty(Feeding.InPieces(new Mp3FrameScanner(), TestAudio.Adts, 1000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_frame_no_longer_than_its_header_is_no_frame(int frameLength)
    {
        Assert.False(AdtsFrameHeader.TryParse(SyntheticAdts.Header(frameLength), out _));
        // With a CRC (protection_absent = 0) the header is 9 bytes.
        byte[] withCrc = [.. SyntheticAdts.Header(9)];
        withCrc[1] &= 0xFE;
        Assert.False(AdtsFrameHeader.TryParse(withCrc, out _));
    }
}
