using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

public class Mp3FrameHeaderTests
{
    [Fact]
    public void Mpeg1Layer3_128k_44100_HasExpectedFields()
    {
        Assert.True(Mp3FrameHeader.TryParse(SyntheticMp3.Header(padding: false), out var header));
        Assert.Equal(1, header.Version);
        Assert.Equal(3, header.Layer);
        Assert.Equal(128, header.BitrateKbps);
        Assert.Equal(44100, header.SampleRate);
        Assert.Equal(1152, header.SamplesPerFrame);
        Assert.Equal(417, header.FrameLength);
        Assert.False(header.Padding);
        Assert.Equal(2, header.Channels);
        Assert.Equal(26.122, header.Duration.TotalMilliseconds, 3);
    }

    [Fact]
    public void Padding_AddsOneByte()
    {
        Assert.True(Mp3FrameHeader.TryParse(SyntheticMp3.Header(padding: true), out var header));
        Assert.True(header.Padding);
        Assert.Equal(418, header.FrameLength);
    }

    [Fact]
    public void Mpeg2Layer3_UsesHalfSizedFrames()
    {
        // MPEG-2, Layer III, 64 kbps, 22050 Hz, mono.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xF3, 0x80, 0xC0], out var header));
        Assert.Equal(2, header.Version);
        Assert.Equal(576, header.SamplesPerFrame);
        Assert.Equal(22050, header.SampleRate);
        Assert.Equal(64, header.BitrateKbps);
        Assert.Equal(72 * 64000 / 22050, header.FrameLength);
        Assert.Equal(1, header.Channels);
    }

    [Fact]
    public void Mpeg25_HasQuarterSampleRates()
    {
        // MPEG-2.5, Layer III, 8 kbps, 8000 Hz.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xE3, 0x18, 0xC0], out var header));
        Assert.Equal(25, header.Version);
        Assert.Equal(8000, header.SampleRate);
        Assert.Equal(8, header.BitrateKbps);
        Assert.Equal(72, header.FrameLength);
    }

    [Fact]
    public void Layer1_CountsFourByteSlots()
    {
        // MPEG-1, Layer I, 384 kbps, 48000 Hz, padded.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xFF, 0xC6, 0x00], out var header));
        Assert.Equal(1, header.Layer);
        Assert.Equal(384, header.SamplesPerFrame);
        Assert.Equal((12 * 384000 / 48000 + 1) * 4, header.FrameLength);
    }

    [Fact]
    public void Layer2_Mpeg1_Uses1152Samples()
    {
        // MPEG-1, Layer II, 192 kbps, 48000 Hz.
        Assert.True(Mp3FrameHeader.TryParse([0xFF, 0xFD, 0xA4, 0x00], out var header));
        Assert.Equal(2, header.Layer);
        Assert.Equal(192, header.BitrateKbps);
        Assert.Equal(1152, header.SamplesPerFrame);
        Assert.Equal(576, header.FrameLength);
    }

    [Fact]
    public void InvalidHeaders_AreRejected()
    {
        byte[][] invalid =
        [
            [0xFF, 0xFB, 0x90],       // too short
            [0xFE, 0xFB, 0x90, 0x44], // no sync
            [0xFF, 0xEB, 0x90, 0x44], // reserved version
            [0xFF, 0xF9, 0x90, 0x44], // reserved layer
            [0xFF, 0xFB, 0x00, 0x44], // free format
            [0xFF, 0xFB, 0xF0, 0x44], // bad bitrate
            [0xFF, 0xFB, 0x9C, 0x44], // reserved sample rate
            [0xFF, 0xFB, 0x90, 0x46], // reserved emphasis
        ];
        foreach (var bytes in invalid)
            Assert.False(Mp3FrameHeader.TryParse(bytes, out _), Convert.ToHexString(bytes));
    }
}
