using System.Text;
using Cycast.Shared.Audio;
using Cycast.Shared.Icy;

namespace Cycast.Tests.Audio;

public class Id3ReaderTests
{
    private static readonly byte[] Audio = SyntheticMp3.Frames(2, out _);

    [Fact]
    public void V23_Latin1AndUtf16WithBothByteOrderMarks()
    {
        var tag = V2Tag(3, 0,
            V23Frame("TIT2", [0, .. Encoding.Latin1.GetBytes("Café Olé")]),
            V23Frame("TPE1", [1, 0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Sigur Rós"), 0, 0]),
            V23Frame("TALB", [1, 0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("Ágætis byrjun")]));

        var info = Id3Reader.Read([.. tag, .. Audio]);

        Assert.Equal(new StreamTags("Café Olé", "Sigur Rós", "Ágætis byrjun"), info.Tags);
        Assert.Equal(tag.Length, info.AudioStart);
        Assert.Equal(tag.Length + Audio.Length, info.AudioEnd);
    }

    [Fact]
    public void V24_Utf16BigEndianAndUtf8_FirstOfSeveralValues()
    {
        var tag = V2Tag(4, 0,
            V24Frame("TIT2", [2, .. Encoding.BigEndianUnicode.GetBytes("日本語")]),
            V24Frame("TPE1", [3, .. Encoding.UTF8.GetBytes("Mötley Crüe"), 0, .. Encoding.UTF8.GetBytes("Second Artist")]));

        var info = Id3Reader.Read([.. tag, .. Audio]);

        Assert.Equal(new StreamTags("日本語", "Mötley Crüe", null), info.Tags);
    }

    [Fact]
    public void V23_WholeTagUnsynchronisation_IsUndone()
    {
        // "ÿ" is 0xFF in Latin-1; unsynchronisation stuffs a zero after it.
        var frames = V23Frame("TIT2", [0, (byte)'a', 0xFF, (byte)'b']);
        var stuffed = Stuff(frames);

        var info = Id3Reader.Read([.. V2Tag(3, 0x80, stuffed), .. Audio]);

        Assert.Equal("aÿb", info.Tags.Title);
    }

    [Fact]
    public void V24_FrameUnsynchronisationAndDataLengthIndicator_AreUndone()
    {
        var content = Stuff([0, (byte)'x', 0xFF, 0xE0, (byte)'y']);
        byte[] withLength = [0, 0, 0, 5, .. content];
        byte[] frame = [.. "TIT2"u8, .. SyncSafe(withLength.Length), 0, 0x03, .. withLength];

        var info = Id3Reader.Read([.. V2Tag(4, 0, frame), .. Audio]);

        Assert.Equal("xÿày", info.Tags.Title);
    }

    [Fact]
    public void ExtendedHeaders_AreSkipped()
    {
        var v23 = V2Tag(3, 0x40, [0, 0, 0, 6, 0, 0, 0, 0, 0, 0], V23Frame("TIT2", [0, .. "Three"u8]));
        var v24 = V2Tag(4, 0x40, [0, 0, 0, 6, 1, 0], V24Frame("TIT2", [0, .. "Four"u8]));

        Assert.Equal("Three", Id3Reader.Read([.. v23, .. Audio]).Tags.Title);
        Assert.Equal("Four", Id3Reader.Read([.. v24, .. Audio]).Tags.Title);
    }

    [Fact]
    public void V22_ThreeLetterFrames()
    {
        byte[] frame = [.. "TT2"u8, 0, 0, 6, 0, .. "Older"u8];

        var info = Id3Reader.Read([.. V2Tag(2, 0, frame), .. Audio]);

        Assert.Equal("Older", info.Tags.Title);
    }

    [Fact]
    public void V24Footer_IsPartOfTheTag()
    {
        var tag = V2Tag(4, 0x10, V24Frame("TIT2", [3, .. "Footed"u8]));
        byte[] footer = [.. "3DI"u8, .. tag.AsSpan(3, 7)];

        var info = Id3Reader.Read([.. tag, .. footer, .. Audio]);

        Assert.Equal(tag.Length + footer.Length, info.AudioStart);
    }

    [Fact]
    public void V1_FillsFieldsV2Lacks_AndV2Wins()
    {
        var v2 = V2Tag(3, 0, V23Frame("TIT2", [0, .. "V2 Title"u8]));

        var info = Id3Reader.Read([.. v2, .. Audio, .. V1Tag("V1 Title", "V1 Artist", "V1 Album")]);

        Assert.Equal(new StreamTags("V2 Title", "V1 Artist", "V1 Album"), info.Tags);
        Assert.Equal(v2.Length + Audio.Length, info.AudioEnd);
    }

    [Fact]
    public void ApeAndLyricsTags_BeforeV1_AreExcludedFromAudio()
    {
        var apeItems = new byte[40];
        byte[] apeFooter = [.. "APETAGEX"u8, 0xD0, 0x07, 0, 0, .. LittleEndian(apeItems.Length + 32), 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0];
        var apeHeader = new byte[32];
        byte[] lyrics = [.. "LYRICSBEGIN"u8, .. "IND0000200"u8];
        byte[] lyricsTrailer = [.. Encoding.ASCII.GetBytes(lyrics.Length.ToString("D6")), .. "LYRICS200"u8];

        var info = Id3Reader.Read([.. Audio, .. apeHeader, .. apeItems, .. apeFooter, .. lyrics, .. lyricsTrailer, .. V1Tag("T", "A", "B")]);

        Assert.Equal(0, info.AudioStart);
        Assert.Equal(Audio.Length, info.AudioEnd);
        Assert.Equal(new StreamTags("T", "A", "B"), info.Tags);
    }

    [Fact]
    public async Task An_ape_footer_claiming_less_than_itself_is_audio_and_ends_the_search()
    {
        // Found by Id3Fuzzing: a footer of size 0 removed nothing and was found again, forever.
        foreach (var size in new[] { 0, 1, 31 })
        {
            byte[] apeFooter = [.. "APETAGEX"u8, 0xD0, 0x07, 0, 0, .. LittleEndian(size), .. new byte[16]];
            byte[] file = [.. Audio, .. apeFooter];

            var info = await Task.Run(() => Id3Reader.Read(file)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(file.Length, info.AudioEnd);
        }
    }

    [Theory]
    [InlineData("-84294")]
    [InlineData("-00015")]
    [InlineData("   -15")]
    [InlineData("+00005")]
    public async Task A_lyrics3_size_that_is_not_six_digits_is_audio(string size)
    {
        // Found by Id3Fuzzing: "-84294" moved the audio's end past the file's, and "-00015" removed nothing, forever.
        byte[] file = [.. Audio, .. "LYRICSBEGIN"u8, .. Encoding.ASCII.GetBytes(size), .. "LYRICS200"u8];

        var info = await Task.Run(() => Id3Reader.Read(file)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(file.Length, info.AudioEnd);
    }

    [Fact]
    public void TagSizeBeyondTheFile_IsClamped()
    {
        var tag = V2Tag(3, 0, V23Frame("TIT2", [0, .. "Cut"u8]));
        tag[9] = 0x7F;

        var info = Id3Reader.Read(tag);

        Assert.Equal("Cut", info.Tags.Title);
        Assert.Equal((tag.Length, tag.Length), (info.AudioStart, info.AudioEnd));
    }

    [Fact]
    public void NoTags_MeansAllAudio()
    {
        var info = Id3Reader.Read(Audio);

        Assert.Equal(new StreamTags(null, null, null), info.Tags);
        Assert.Null(TrackTitle.FromTags(info.Tags));
        Assert.Equal((0, Audio.Length), (info.AudioStart, info.AudioEnd));
    }

    [Fact]
    public void Tags_give_Artist_dash_Title_or_the_title_alone_and_nothing_without_a_title()
    {
        Assert.Equal("A - T", TrackTitle.FromTags(new StreamTags("T", "A", null))!.StreamTitle);
        Assert.Equal("T", TrackTitle.FromTags(new StreamTags(" T ", null, "X"))!.StreamTitle);
        Assert.Null(TrackTitle.FromTags(new StreamTags(null, "A", "X")));
    }

    private static byte[] V2Tag(byte majorVersion, byte flags, params byte[][] parts)
    {
        byte[] body = [.. parts.SelectMany(p => p)];
        return [.. "ID3"u8, majorVersion, 0, flags, .. SyncSafe(body.Length), .. body];
    }

    private static byte[] V23Frame(string id, byte[] content) =>
        [.. Encoding.ASCII.GetBytes(id), (byte)(content.Length >> 24), (byte)(content.Length >> 16), (byte)(content.Length >> 8), (byte)content.Length, 0, 0, .. content];

    private static byte[] V24Frame(string id, byte[] content) =>
        [.. Encoding.ASCII.GetBytes(id), .. SyncSafe(content.Length), 0, 0, .. content];

    private static byte[] V1Tag(string title, string artist, string album)
    {
        var tag = new byte[128];
        "TAG"u8.CopyTo(tag);
        Encoding.Latin1.GetBytes(title).CopyTo(tag, 3);
        Encoding.Latin1.GetBytes(artist).CopyTo(tag, 33);
        Encoding.Latin1.GetBytes(album).CopyTo(tag, 63);
        return tag;
    }

    private static byte[] Stuff(byte[] bytes) =>
        [.. bytes.SelectMany(b => b == 0xFF ? new byte[] { b, 0 } : [b])];

    private static byte[] SyncSafe(int value) =>
        [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];

    private static byte[] LittleEndian(int value) => BitConverter.GetBytes(value);
}
