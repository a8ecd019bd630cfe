using System.Buffers;

namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of a live Ogg stream: starts of CRC-verified pages after the codec headers of the current logical
/// stream. The header pages are kept as <see cref="StreamHeader"/>, since a listener cannot decode without them, and
/// are replaced when a chained stream begins: at its first join point, so that the latest join point and the header
/// always belong together.
/// </summary>
public sealed class OggPageScanner : IJoinPointScanner
{
    private readonly CarryOverWindow window = new(OggPageHeader.MaxPageLength);
    private readonly ArrayBufferWriter<byte> incompleteHeader = new();
    private OggStreamHeaders? stream;
    private byte[]? completedHeader;
    private long position;
    private long expectedOffset = -1;

    /// <summary>The header pages of the logical stream that the latest join point belongs to.</summary>
    public ReadOnlyMemory<byte> StreamHeader { get; private set; } = ReadOnlyMemory<byte>.Empty;

    public long StreamHeaderAppliesFrom { get; private set; }

    /// <summary>Vorbis comments or OpusTags of the logical stream that the latest join point belongs to, null when it has none.</summary>
    public StreamTags? CurrentTags { get; private set; }

    /// <summary>Incremented whenever <see cref="CurrentTags"/> changes, so callers can notice a change by comparing.</summary>
    public int TagsVersion { get; private set; }

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        if (streamOffset != expectedOffset)
        {
            window.Reset(streamOffset);
            position = streamOffset;
        }
        expectedOffset = streamOffset + data.Length;

        while (window.TryRead(position, OggPageHeader.FixedLength, data, streamOffset, out ReadOnlySpan<byte> fixedPart))
        {
            if (!OggPageHeader.TryParse(fixedPart, out OggPageHeader header))
            {
                position++;
                continue;
            }
            if (!window.TryRead(position, header.HeaderLength, data, streamOffset, out ReadOnlySpan<byte> headerBytes))
                break;
            int pageLength = header.PageLength(headerBytes);
            if (!window.TryRead(position, pageLength, data, streamOffset, out ReadOnlySpan<byte> page))
                break;
            if (!OggCrc.IsValidPage(page))
            {
                position++;
                continue;
            }
            if (TrackPage(page, header, position))
                joinPoints.Add(position);
            position += pageLength;
        }
        window.KeepFrom(position, data, streamOffset);
    }

    /// <summary>Follows the logical stream the page belongs to; returns whether a listener may start at the page.</summary>
    private bool TrackPage(ReadOnlySpan<byte> page, OggPageHeader header, long pageOffset)
    {
        if (header.IsBeginOfStream)
        {
            stream = new OggStreamHeaders(header.Serial);
            incompleteHeader.Clear();
            completedHeader = null;
        }
        // Without the headers of its logical stream a listener could not decode the page.
        if (stream is null || header.Serial != stream.Serial)
            return false;

        if (!stream.IsComplete)
        {
            incompleteHeader.Write(page);
            stream.AcceptPage(page, header);
            if (stream.IsComplete)
                completedHeader = incompleteHeader.WrittenSpan.ToArray();
            return false;
        }

        if (completedHeader is not null)
        {
            StreamHeader = completedHeader;
            StreamHeaderAppliesFrom = pageOffset;
            completedHeader = null;
            if (CurrentTags != stream.Tags)
            {
                CurrentTags = stream.Tags;
                TagsVersion++;
            }
        }
        return true;
    }
}
