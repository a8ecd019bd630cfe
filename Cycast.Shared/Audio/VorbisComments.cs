using System.Buffers.Binary;
using System.Text;

namespace Cycast.Shared.Audio;

/// <summary>The comment list shared by Vorbis comment headers and OpusTags: a vendor string, then "KEY=value" entries.</summary>
internal static class VorbisComments
{
    /// <summary>Parses the list that follows the packet's magic; null when it names no title, artist or album.</summary>
    public static StreamTags? Parse(ReadOnlySpan<byte> list)
    {
        if (!TrySkipString(ref list) || list.Length < 4)
            return null;
        var count = BinaryPrimitives.ReadUInt32LittleEndian(list);
        list = list[4..];

        string? title = null, artist = null, album = null;
        for (uint i = 0; i < count && TryReadString(ref list, out var comment); i++)
        {
            var separator = comment.IndexOf((byte)'=');
            if (separator <= 0)
                continue;
            var key = comment[..separator];
            if (IsKey(key, "TITLE")) title ??= Value(comment[(separator + 1)..]);
            else if (IsKey(key, "ARTIST")) artist ??= Value(comment[(separator + 1)..]);
            else if (IsKey(key, "ALBUM")) album ??= Value(comment[(separator + 1)..]);
        }
        return title is null && artist is null && album is null ? null : new StreamTags(title, artist, album);
    }

    private static bool IsKey(ReadOnlySpan<byte> key, string name) =>
        Ascii.EqualsIgnoreCase(key, name);

    private static string? Value(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value).Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool TrySkipString(ref ReadOnlySpan<byte> list) => TryReadString(ref list, out _);

    private static bool TryReadString(ref ReadOnlySpan<byte> list, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (list.Length < 4)
            return false;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(list);
        if (length > list.Length - 4)
            return false;
        text = list.Slice(4, (int)length);
        list = list[(4 + (int)length)..];
        return true;
    }
}
