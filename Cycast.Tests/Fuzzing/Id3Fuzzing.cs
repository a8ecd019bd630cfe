using System.Buffers.Binary;
using System.Text;
using CsCheck;
using Cycast.Shared.Audio;
using Cycast.Tests.Audio;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The ID3 reader on files built from the tags a playlist may hold (ID3v2.2-2.4 with any flags and sizes, APEv2,
/// Lyrics3v2, ID3v1) around a few frames, on mutants of them and on noise: it answers, the audio it names lies in the
/// file, and the titles it was given come back.
/// </summary>
public sealed class Id3Fuzzing
{
    private static readonly byte[][] Tokens =
        [.. new[] { "ID3", "TAG", "APETAGEX", "LYRICSBEGIN", "LYRICS200", "TIT2", "TPE1", "TALB", "TT2", "000000", "-00015", "999999" }.Select(Encoding.ASCII.GetBytes)];

    private static readonly Gen<string> Text = Gen.String[Gen.Char["abc XYZ-é\u00ff"], 0, 20];

    private static readonly Gen<byte[]> FrameContent = Weighted.Of(
        (3, Gen.Select(Gen.Byte[0, 4], Text, (encoding, text) => (byte[])[encoding, .. Encode(encoding, text)])),
        (1, Gen.Byte.Array[0, 40]));

    private static readonly Gen<byte[]> V2Tags = Gen.Select(
        Gen.Byte[2, 5], Gen.OneOf<byte>(0, 0x80, 0x40, 0x10, 0xC0, 0xFF),
        Gen.Select(Gen.OneOf("TIT2", "TPE1", "TALB", "TXXX"), FrameContent, Gen.OneOf<byte>(0, 0x01, 0x02, 0x04, 0x08, 0x20, 0x40, 0x80), Gen.Bool).Array[0, 4],
        Gen.Bool, Gen.Int[0, 1 << 28],
        (version, flags, frames, exactSize, claimedSize) =>
        {
            var body = new List<byte>();
            foreach (var (id, content, frameFlags, exactFrameSize) in frames)
                body.AddRange(Frame(version, id, content, frameFlags, exactFrameSize ? content.Length : claimedSize));
            return (byte[])[.. "ID3"u8, version, 0, flags, .. SyncSafe(exactSize ? body.Count : claimedSize), .. body];
        });

    private static readonly Gen<byte[]> ApeTags = Gen.Select(Gen.OneOf(0u, 1u, 32u, 64u, uint.MaxValue), Gen.Bool, (size, hasHeader) =>
    {
        var footer = new byte[32];
        "APETAGEX"u8.CopyTo(footer);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(12), size);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(20), hasHeader ? 0x80000000 : 0);
        return (byte[])[.. new byte[32], .. footer];
    });

    private static readonly Gen<byte[]> Lyrics3Tags = Gen.Select(Gen.String[Gen.Char["0123456789 -+"], 6, 6], Gen.Int[0, 40], (size, length) =>
        (byte[])[.. "LYRICSBEGIN"u8, .. new byte[length], .. Encoding.ASCII.GetBytes(size), .. "LYRICS200"u8]);

    private static readonly Gen<byte[]> V1Tags = Gen.Byte.Array[125].Select(rest => (byte[])[.. "TAG"u8, .. rest]);

    private static readonly Gen<byte[]> Files = Gen.Select(
        V2Tags.Array[0, 2], Gen.Int[0, 4], Weighted.Of((1, ApeTags), (1, Gen.Const(Array.Empty<byte>()))),
        Weighted.Of((1, Lyrics3Tags), (1, Gen.Const(Array.Empty<byte>()))), Weighted.Of((1, V1Tags), (1, Gen.Const(Array.Empty<byte>()))),
        (v2, frames, ape, lyrics, v1) => (byte[])[.. v2.SelectMany(tag => tag), .. SyntheticMp3.Frames(frames, out _), .. lyrics, .. ape, .. v1]);

    [Fact]
    public void Any_file_gives_tags_and_an_audio_range_inside_it() =>
        Fuzz.Check(Mutations.Around(Files, Tokens), bytes =>
        {
            Id3Info info = null!;
            Fuzz.AssertAllocatesAtMost(16L * bytes.Length + 64 * 1024, () => info = Id3Reader.Read(bytes));
            Assert.InRange(info.AudioStart, 0, bytes.Length);
            Assert.InRange(info.AudioEnd, info.AudioStart, bytes.Length);
        }, Fuzz.Hex, Fuzz.Iterations());

    [Fact]
    public void Titles_written_in_an_id3v2_tag_read_back_trimmed() =>
        Fuzz.Check(Gen.Select(Gen.Byte[3, 4], Gen.OneOf<byte>(0, 3), Text, Text, Text), input =>
        {
            var (version, encoding, title, artist, album) = input;
            var body = new List<byte>();
            foreach (var (id, text) in new[] { ("TIT2", title), ("TPE1", artist), ("TALB", album) })
            {
                byte[] content = [encoding, .. Encode(encoding, text)];
                body.AddRange(Frame(version, id, content, 0, content.Length));
            }
            byte[] file = [.. "ID3"u8, version, 0, 0, .. SyncSafe(body.Count), .. body, .. SyntheticMp3.Frames(2, out _)];

            var info = Id3Reader.Read(file);

            Assert.Equal(new StreamTags(Trimmed(title), Trimmed(artist), Trimmed(album)), info.Tags);
            Assert.Equal(10 + body.Count, info.AudioStart);
        }, input => input.ToString(), Fuzz.Iterations());

    private static byte[] Frame(byte version, string id, byte[] content, byte flags, int size) => version == 2
        ? [.. Encoding.ASCII.GetBytes(V22Id(id)), (byte)(size >> 16), (byte)(size >> 8), (byte)size, .. content]
        : [.. Encoding.ASCII.GetBytes(id), .. version == 3 ? BigEndian(size) : SyncSafe(size), 0, flags, .. content];

    /// <summary>ID3v2.2 names the same frames with three letters.</summary>
    private static string V22Id(string id) => id switch { "TIT2" => "TT2", "TPE1" => "TP1", "TALB" => "TAL", _ => "TXX" };

    private static byte[] Encode(byte encoding, string text) => encoding switch
    {
        0 => Encoding.Latin1.GetBytes(text),
        1 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
        2 => Encoding.BigEndianUnicode.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(text),
    };

    private static byte[] SyncSafe(int value) => [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static string? Trimmed(string text) => text.Trim('\0', ' ') is { Length: > 0 } trimmed ? trimmed : null;
}
