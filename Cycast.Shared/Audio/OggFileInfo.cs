namespace Cycast.Shared.Audio;

/// <summary>Walks the pages of a whole Ogg file so the playlist player can pace it and show its tags.</summary>
public static class OggFileInfo
{
    /// <summary>The CRC-verified pages of the file, resyncing past garbage.</summary>
    public static IEnumerable<OggPage> Pages(ReadOnlyMemory<byte> file)
    {
        OggStreamHeaders? stream = null;
        var streamStart = TimeSpan.Zero;
        var endTime = TimeSpan.Zero;
        var position = 0;
        while (TryFindPage(file.Span, ref position, out var header, out var length))
        {
            if (header.IsBeginOfStream)
            {
                stream = new OggStreamHeaders(header.Serial);
                streamStart = endTime;
            }
            var isHeader = false;
            if (stream is not null && header.Serial == stream.Serial)
            {
                isHeader = !stream.IsComplete;
                if (isHeader)
                    stream.AcceptPage(file.Span.Slice(position, length), header);
                if (stream.TimeAt(header.GranulePosition) is { } time)
                    endTime = SaturatingAdd(streamStart, time);
            }
            yield return new OggPage(position, length, header.Serial, header.GranulePosition,
                header.IsBeginOfStream, header.IsEndOfStream, isHeader, endTime);
            position += length;
        }
    }

    /// <summary>A granule far past any real stream's length must not overflow the clock of the streams chained after it.</summary>
    private static TimeSpan SaturatingAdd(TimeSpan start, TimeSpan duration) =>
        start > TimeSpan.MaxValue - duration ? TimeSpan.MaxValue : start + duration;

    /// <summary>Vorbis comments or OpusTags (TITLE, ARTIST, ALBUM) of the first logical stream.</summary>
    public static StreamTags? ReadTags(ReadOnlyMemory<byte> file) => FirstStreamHeaders(file.Span)?.Tags;

    /// <summary>"vorbis", "opus", or null when the first logical stream is neither.</summary>
    public static string? CodecName(ReadOnlyMemory<byte> file) => FirstStreamHeaders(file.Span)?.Codec;

    private static OggStreamHeaders? FirstStreamHeaders(ReadOnlySpan<byte> file)
    {
        OggStreamHeaders? stream = null;
        var position = 0;
        while (TryFindPage(file, ref position, out var header, out var length))
        {
            if (stream is null && header.IsBeginOfStream)
                stream = new OggStreamHeaders(header.Serial);
            if (stream is not null && header.Serial == stream.Serial)
            {
                stream.AcceptPage(file.Slice(position, length), header);
                if (stream.IsComplete)
                    break;
            }
            position += length;
        }
        return stream;
    }

    private static bool TryFindPage(ReadOnlySpan<byte> file, ref int position, out OggPageHeader header, out int length)
    {
        for (; position + OggPageHeader.FixedLength <= file.Length; position++)
        {
            var rest = file[position..];
            if (!OggPageHeader.TryParse(rest, out header) || header.HeaderLength > rest.Length)
                continue;
            length = header.PageLength(rest);
            if (length <= rest.Length && OggCrc.IsValidPage(rest[..length]))
                return true;
        }
        header = default;
        length = 0;
        return false;
    }
}
