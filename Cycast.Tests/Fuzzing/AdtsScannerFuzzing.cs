using CsCheck;
using Cycast.Shared.Audio;
using Cycast.Tests.Audio;

namespace Cycast.Tests.Fuzzing;

/// <summary>The live AAC (ADTS) scanner on any bytes, held to the same properties as the MP3 one.</summary>
public sealed class AdtsScannerFuzzing
{
    /// <summary>Headers of other rates, with a CRC, too short, and MP3's, so mutants mix frames of several streams.</summary>
    private static readonly byte[][] Tokens =
    [
        SyntheticAdts.Header(200), SyntheticAdts.Header(237), SyntheticAdts.Header(300, sampleRateIndex: 3), SyntheticAdts.Header(7),
        [0xFF, 0xF0, 0x50, 0x80, 0x19, 0x1F, 0xFC], [0xFF, 0xF1], [0xFF, 0xFF, 0xFF, 0xFF], SyntheticMp3.Header(padding: false),
    ];

    private static readonly Gen<byte[]> Streams = Mutations.Around(Gen.Int[1, 12].Select(count => SyntheticAdts.Frames(count, out _)), Tokens);

    [Fact]
    public void Join_points_are_checked_frames_and_do_not_depend_on_how_the_stream_was_cut() =>
        FrameScannerProperties<AdtsFrameHeader, AdtsFrameScanner>.JoinPointsAreCheckedFramesWhateverTheCuts(Streams);

    [Fact]
    public void A_stream_with_gaps_gives_join_points_only_inside_what_was_fed() =>
        FrameScannerProperties<AdtsFrameHeader, AdtsFrameScanner>.JoinPointsLieInsideWhatWasFed(Streams);
}
