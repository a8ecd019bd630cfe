using System.Text;
using CsCheck;
using Cycast.Shared.Audio;
using Cycast.Tests.Audio;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The live Ogg scanner, the file walker and the Vorbis comment reader on pages built field by field with valid CRCs
/// (so the checks behind the CRC are reached), on mutants of them and on noise: no exception, join points only at
/// pages, the same answer however the stream was cut, and tags that round-trip.
/// </summary>
public sealed class OggFuzzing
{
    private static readonly byte[][] Tokens =
        ["OggS"u8.ToArray(), "\x01vorbis"u8.ToArray(), "\x03vorbis"u8.ToArray(), "OpusHead"u8.ToArray(), "OpusTags"u8.ToArray(), "\u007FFLAC"u8.ToArray()];

    private static readonly Gen<long> Granules = Weighted.Of(
        (4, Gen.Long[0, 1L << 24]), (1, Gen.Const(-1L)), (1, Gen.OneOf(long.MaxValue, long.MinValue, 1L << 62, -2L)), (1, Gen.Long));

    private static readonly Gen<string> Text = Gen.String[Gen.Char["abcxyz =é\u00ff\0 "], 0, 24];

    /// <summary>A comment list: written by the encoder's rules, or raw bytes whose length fields claim anything.</summary>
    private static readonly Gen<byte[]> CommentLists = Weighted.Of(
        (3, Gen.Select(Text, Text, Text, Text.Array[0, 4], (title, artist, album, other) =>
            SyntheticOgg.Comments([], ["TITLE=" + title, "artist=" + artist, "Album=" + album, .. other]))),
        (1, Mutations.Of(Gen.Const(SyntheticOgg.Comments([], "TITLE=t", "ARTIST=a")))),
        (1, Gen.Byte.Array[0, 64]));

    private static readonly Gen<byte[]> Packets = Weighted.Of(
        (2, Gen.OneOf(0, 1, 8000, 44100, int.MaxValue, -1).Select(SyntheticOgg.VorbisIdentification)),
        (1, Gen.UShort.Select(SyntheticOgg.OpusHead)),
        (1, Gen.Select(Gen.OneOf<ushort>(0, 1, 2, ushort.MaxValue), Gen.OneOf(0, 44100, 655350, 0xFFFFF), SyntheticOgg.FlacIdentification)),
        (1, CommentLists.Select(SyntheticOgg.FlacComments)),
        (2, Gen.Select(Gen.OneOf("\x03vorbis", "OpusTags"), CommentLists, (magic, list) => (byte[])[.. Encoding.Latin1.GetBytes(magic), .. list])),
        (3, Gen.Byte.Array[0, 600]));

    private static readonly Gen<byte[]> Page = Gen.Select(
        Gen.OneOf<uint>(1, 2), Gen.OneOf<byte>(0, SyntheticOgg.BeginOfStream, SyntheticOgg.Continued, SyntheticOgg.EndOfStream, 3, 7), Granules,
        Packets.Array[0, 3], Gen.Bool,
        (serial, flags, granule, packets, lastPacketEnds) =>
        {
            var page = new SyntheticOgg(serial);
            page.AddPage(flags, granule, packets, lastPacketEnds);
            return page.Bytes;
        });

    /// <summary>Streams that start as encoders start them, then go on with any pages at all.</summary>
    private static readonly Gen<byte[]> ValidStreams = Gen.Select(Gen.Bool, Page.Array[0, 10], (opus, pages) =>
    {
        var start = new SyntheticOgg(1);
        start.AddPage(SyntheticOgg.BeginOfStream, 0, opus ? SyntheticOgg.OpusHead(312) : SyntheticOgg.VorbisIdentification(44100));
        start.AddPage(0, 0, opus ? SyntheticOgg.Comments("OpusTags"u8, "TITLE=t") : SyntheticOgg.Comments("\x03vorbis"u8, "TITLE=t"));
        return (byte[])[.. start.Bytes, .. pages.SelectMany(page => page)];
    });

    private static readonly Gen<byte[]> Streams = Mutations.Around(ValidStreams, Tokens);

    [Fact]
    public void Join_points_are_pages_and_do_not_depend_on_how_the_stream_was_cut() =>
        Fuzz.Check(Gen.Select(Streams, Pieces.Lengths), input =>
        {
            var (bytes, lengths) = input;
            var whole = new OggPageScanner();
            List<long> wholePoints = [];
            Fuzz.AssertAllocatesAtMost(16L * bytes.Length + 256 * 1024, () => whole.Feed(bytes, 0, wholePoints));
            var split = new OggPageScanner();
            var splitPoints = Pieces.Feed(split, bytes, lengths, origin: 0);

            Assert.Equal(wholePoints, splitPoints);
            Assert.Equal(whole.StreamHeader.ToArray(), split.StreamHeader.ToArray());
            Assert.Equal(whole.CurrentTags, split.CurrentTags);
            Assert.Equal(wholePoints.Order().Distinct(), wholePoints);
            Assert.All(wholePoints, point => Assert.True(bytes.AsSpan((int)point).StartsWith("OggS"u8)));
        }, input => Pieces.Print(input.Item1, input.Item2), Fuzz.Iterations());

    [Fact]
    public void A_files_pages_lie_inside_it_one_after_another_and_its_tags_read() =>
        Fuzz.Check(Streams, bytes =>
        {
            var previousEnd = 0;
            foreach (var page in OggFileInfo.Pages(bytes))
            {
                Assert.InRange(page.Offset, previousEnd, bytes.Length - page.Length);
                previousEnd = page.Offset + page.Length;
            }
            OggFileInfo.ReadTags(bytes);
            Assert.Contains(OggFileInfo.CodecName(bytes), new[] { "vorbis", "opus", "flac", null });
        }, Fuzz.Hex, Fuzz.Iterations());

    [Fact]
    public void Tags_written_as_vorbis_comments_read_back_trimmed() =>
        Fuzz.Check(Gen.Select(Text, Text, Text, Gen.Bool), input =>
        {
            var (title, artist, album, opus) = input;
            var stream = new SyntheticOgg(9);
            stream.AddPage(SyntheticOgg.BeginOfStream, 0, opus ? SyntheticOgg.OpusHead(0) : SyntheticOgg.VorbisIdentification(48000));
            var magic = opus ? "OpusTags"u8 : "\x03vorbis"u8;
            stream.AddPage(0, 0, SyntheticOgg.Comments(magic, "TITLE=" + title, "ARTIST=" + artist, "ALBUM=" + album));

            var tags = OggFileInfo.ReadTags(stream.Bytes);

            var expected = new StreamTags(Trimmed(title), Trimmed(artist), Trimmed(album));
            Assert.Equal(expected.Title is null && expected.Artist is null && expected.Album is null ? null : expected, tags);
        }, input => $"title {Utf8Hex(input.Item1)}, artist {Utf8Hex(input.Item2)}, album {Utf8Hex(input.Item3)}, opus {input.Item4}",
            Fuzz.Iterations());

    [Fact]
    public void A_comment_list_claims_no_more_than_it_holds() =>
        Fuzz.Check(CommentLists, list =>
        {
            var stream = new SyntheticOgg(3);
            stream.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.VorbisIdentification(48000));
            stream.AddPage(0, 0, [.. "\x03vorbis"u8, .. list]);
            Fuzz.AssertAllocatesAtMost(8L * list.Length + 64 * 1024, () => OggFileInfo.ReadTags(stream.Bytes));
        }, Fuzz.Hex, Fuzz.Iterations());

    private static string? Trimmed(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static string Utf8Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));
}
