using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cycast.Shared.Audio;

/// <summary>Reads title, artist and album from the ID3v2 (2.2, 2.3, 2.4) and ID3v1 tags of a whole MP3 file.</summary>
public static class Id3Reader
{
    private const int V2HeaderLength = 10;
    private const int V2FooterLength = 10;
    private const int V1Length = 128;
    private const int V1FieldLength = 30;
    private const int ApeFooterLength = 32;
    private const int Lyrics3SizeLength = 6;

    private const byte UnsynchronisationFlag = 0x80;
    private const byte ExtendedHeaderFlag = 0x40;
    private const byte FooterFlag = 0x10;

    /// <summary>ID3v2 fields win; ID3v1 fills in the fields ID3v2 lacks.</summary>
    public static Id3Info Read(ReadOnlySpan<byte> fileBytes)
    {
        var v2 = new TagFields();
        var audioStart = 0;
        // Some taggers prepend a fresh tag without removing the old one; the first one is the newest.
        while (TryReadV2(fileBytes[audioStart..], v2, out var tagLength))
            audioStart += tagLength;

        var v1 = new TagFields();
        var audioEnd = fileBytes.Length;
        if (audioEnd - audioStart >= V1Length && fileBytes.Slice(audioEnd - V1Length, 3).SequenceEqual("TAG"u8))
        {
            ReadV1(fileBytes.Slice(audioEnd - V1Length, V1Length), v1);
            audioEnd -= V1Length;
        }
        audioEnd = audioStart + LengthWithoutApeAndLyrics(fileBytes[audioStart..audioEnd]);

        var tags = new StreamTags(v2.Title ?? v1.Title, v2.Artist ?? v1.Artist, v2.Album ?? v1.Album);
        return new Id3Info(tags, audioStart, audioEnd);
    }

    private static bool TryReadV2(ReadOnlySpan<byte> bytes, TagFields fields, out int tagLength)
    {
        tagLength = 0;
        if (bytes.Length < V2HeaderLength || !bytes[..3].SequenceEqual("ID3"u8) || !TryReadSyncSafe(bytes.Slice(6, 4), out var size))
            return false;
        int majorVersion = bytes[3];
        var flags = bytes[5];
        if (majorVersion is < 2 or > 4)
            return false;

        // A size claiming more than the file holds is clamped, so a truncated file still yields its tags.
        tagLength = Math.Min(bytes.Length, V2HeaderLength + size + (majorVersion == 4 && (flags & FooterFlag) != 0 ? V2FooterLength : 0));
        var body = bytes.Slice(V2HeaderLength, Math.Min(size, bytes.Length - V2HeaderLength));
        // Before 2.4 unsynchronisation covers the whole tag; in 2.4 it is applied (and flagged) frame by frame.
        var tagUnsynchronised = (flags & UnsynchronisationFlag) != 0;
        if (tagUnsynchronised && majorVersion < 4)
            body = RemoveUnsynchronisation(body);
        if ((flags & ExtendedHeaderFlag) != 0 && majorVersion >= 3)
            body = SkipExtendedHeader(body, majorVersion);

        if (majorVersion == 2)
            ReadV22Frames(body, fields);
        else
            ReadV23Or24Frames(body, majorVersion, tagUnsynchronised, fields);
        return true;
    }

    private static ReadOnlySpan<byte> SkipExtendedHeader(ReadOnlySpan<byte> body, int majorVersion)
    {
        if (body.Length < 4)
            return [];
        // 2.3 stores the size excluding its own 4 bytes as a plain integer; 2.4 stores the whole size sync-safe.
        var skip = majorVersion == 3
            ? 4L + BinaryPrimitives.ReadUInt32BigEndian(body)
            : TryReadSyncSafe(body[..4], out var size) ? size : body.Length;
        return skip >= body.Length ? [] : body[(int)skip..];
    }

    private static void ReadV22Frames(ReadOnlySpan<byte> body, TagFields fields)
    {
        const int frameHeaderLength = 6;
        while (body.Length >= frameHeaderLength && body[0] != 0)
        {
            var size = (body[3] << 16) | (body[4] << 8) | body[5];
            if (size > body.Length - frameHeaderLength)
                return;
            var id = body[..3];
            if (fields.Wants(id))
                fields.Offer(id, DecodeText(body.Slice(frameHeaderLength, size)));
            body = body[(frameHeaderLength + size)..];
        }
    }

    private static void ReadV23Or24Frames(ReadOnlySpan<byte> body, int majorVersion, bool tagUnsynchronised, TagFields fields)
    {
        const int frameHeaderLength = 10;
        while (body.Length >= frameHeaderLength && body[0] != 0)
        {
            int size;
            if (majorVersion == 3)
            {
                var plainSize = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                size = plainSize > int.MaxValue ? int.MaxValue : (int)plainSize;
            }
            else if (!TryReadSyncSafe(body.Slice(4, 4), out size))
            {
                return;
            }
            if (size > body.Length - frameHeaderLength)
                return;

            var id = body[..4];
            if (fields.Wants(id))
                fields.Offer(id, ReadTextFrameContent(body.Slice(frameHeaderLength, size), body[9], majorVersion, tagUnsynchronised));
            body = body[(frameHeaderLength + size)..];
        }
    }

    private static string? ReadTextFrameContent(ReadOnlySpan<byte> content, byte formatFlags, int majorVersion, bool tagUnsynchronised)
    {
        if (majorVersion == 3)
        {
            const byte compressed = 0x80, encrypted = 0x40, grouped = 0x20;
            if ((formatFlags & (compressed | encrypted)) != 0)
                return null;
            return DecodeText((formatFlags & grouped) != 0 ? content[Math.Min(1, content.Length)..] : content);
        }

        const byte grouping = 0x40, compression = 0x08, encryption = 0x04, unsynchronised = 0x02, dataLengthIndicator = 0x01;
        if ((formatFlags & (compression | encryption)) != 0)
            return null;
        if ((formatFlags & grouping) != 0)
            content = content[Math.Min(1, content.Length)..];
        if ((formatFlags & dataLengthIndicator) != 0)
            content = content[Math.Min(4, content.Length)..];
        if (tagUnsynchronised || (formatFlags & unsynchronised) != 0)
            content = RemoveUnsynchronisation(content);
        return DecodeText(content);
    }

    /// <summary>A text frame: an encoding byte, then one or more null-separated values, of which the first is kept.</summary>
    private static string? DecodeText(ReadOnlySpan<byte> content)
    {
        if (content.Length < 1)
            return null;
        var encoding = content[0];
        var text = content[1..];
        var decoded = encoding switch
        {
            0 => Encoding.Latin1.GetString(UpToNull(text)),
            1 => DecodeUtf16WithBom(UpToDoubleNull(text)),
            2 => Encoding.BigEndianUnicode.GetString(UpToDoubleNull(text)),
            3 => Encoding.UTF8.GetString(UpToNull(text)),
            _ => "",
        };
        return NullIfEmpty(decoded);
    }

    private static string DecodeUtf16WithBom(ReadOnlySpan<byte> text)
    {
        if (text.Length >= 2 && text[0] == 0xFE && text[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(text[2..]);
        if (text.Length >= 2 && text[0] == 0xFF && text[1] == 0xFE)
            text = text[2..];
        return Encoding.Unicode.GetString(text);
    }

    private static ReadOnlySpan<byte> UpToNull(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOf((byte)0);
        return end < 0 ? text : text[..end];
    }

    private static ReadOnlySpan<byte> UpToDoubleNull(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i + 1 < text.Length; i += 2)
        {
            if (text[i] == 0 && text[i + 1] == 0)
                return text[..i];
        }
        return text[..(text.Length & ~1)];
    }

    /// <summary>Undoes the 0xFF 0x00 stuffing that keeps tag bytes from looking like MPEG sync.</summary>
    private static byte[] RemoveUnsynchronisation(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            result[length++] = bytes[i];
            if (bytes[i] == 0xFF && i + 1 < bytes.Length && bytes[i + 1] == 0)
                i++;
        }
        return result[..length];
    }

    private static bool TryReadSyncSafe(ReadOnlySpan<byte> fourBytes, out int value)
    {
        value = 0;
        foreach (var b in fourBytes)
        {
            if (b >= 0x80)
                return false;
            value = (value << 7) | b;
        }
        return true;
    }

    private static void ReadV1(ReadOnlySpan<byte> tag, TagFields fields)
    {
        fields.Title = ReadV1Field(tag.Slice(3, V1FieldLength));
        fields.Artist = ReadV1Field(tag.Slice(3 + V1FieldLength, V1FieldLength));
        fields.Album = ReadV1Field(tag.Slice(3 + 2 * V1FieldLength, V1FieldLength));
    }

    private static string? ReadV1Field(ReadOnlySpan<byte> field) =>
        NullIfEmpty(Encoding.Latin1.GetString(UpToNull(field)).TrimEnd(' '));

    /// <summary>Returns the audio length once APEv2 and Lyrics3v2 tags, which sit between the audio and ID3v1, are removed.</summary>
    private static int LengthWithoutApeAndLyrics(ReadOnlySpan<byte> audio)
    {
        var end = audio.Length;
        var removedOne = true;
        while (removedOne)
        {
            removedOne = false;
            if (end >= ApeFooterLength && audio.Slice(end - ApeFooterLength, 8).SequenceEqual("APETAGEX"u8))
            {
                var footer = audio.Slice(end - ApeFooterLength, ApeFooterLength);
                long tagSize = BinaryPrimitives.ReadUInt32LittleEndian(footer[12..]);
                const uint hasHeader = 0x80000000;
                if ((BinaryPrimitives.ReadUInt32LittleEndian(footer[20..]) & hasHeader) != 0)
                    tagSize += ApeFooterLength;
                // The size counts the footer itself, so a smaller one is corrupt; taken as is, a size of 0 removed nothing, forever.
                if (tagSize >= ApeFooterLength && tagSize <= end)
                {
                    end -= (int)tagSize;
                    removedOne = true;
                }
            }
            if (end >= 9 + Lyrics3SizeLength && audio.Slice(end - 9, 9).SequenceEqual("LYRICS200"u8)
                // Digits only: a sign or spaces let a negative size grow the audio past the file's end.
                && int.TryParse(audio.Slice(end - 9 - Lyrics3SizeLength, Lyrics3SizeLength), NumberStyles.None, CultureInfo.InvariantCulture, out var lyricsSize)
                && lyricsSize + 9 + Lyrics3SizeLength <= end)
            {
                end -= lyricsSize + 9 + Lyrics3SizeLength;
                removedOne = true;
            }
        }
        return end;
    }

    private static string? NullIfEmpty(string text)
    {
        var trimmed = text.Trim('\0', ' ');
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>The fields being collected; within a tag the first frame of each kind wins.</summary>
    private sealed class TagFields
    {
        public string? Title;
        public string? Artist;
        public string? Album;

        public bool Wants(ReadOnlySpan<byte> frameId) => IsTitle(frameId) || IsArtist(frameId) || IsAlbum(frameId);

        public void Offer(ReadOnlySpan<byte> frameId, string? value)
        {
            if (IsTitle(frameId)) Title ??= value;
            else if (IsArtist(frameId)) Artist ??= value;
            else if (IsAlbum(frameId)) Album ??= value;
        }

        // ID3v2.2 uses three-letter frame IDs.
        private static bool IsTitle(ReadOnlySpan<byte> id) => id.SequenceEqual("TIT2"u8) || id.SequenceEqual("TT2"u8);
        private static bool IsArtist(ReadOnlySpan<byte> id) => id.SequenceEqual("TPE1"u8) || id.SequenceEqual("TP1"u8);
        private static bool IsAlbum(ReadOnlySpan<byte> id) => id.SequenceEqual("TALB"u8) || id.SequenceEqual("TAL"u8);
    }
}
