using System.Buffers;

namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of a live Ogg stream: starts of CRC-verified pages after the codec headers of the current logical
/// stream. The header pages are kept as <see cref="StreamHeader"/>, since a listener cannot decode without them, and
/// are replaced when a chained stream begins: at its first join point, so that the latest join point and the header
/// always belong together.
/// </summary>
public sealed class OggPageScanner() : ResyncingScanner(OggPageHeader.MaxPageLength)
{
    /// <summary>
    /// Codec headers are a few kilobytes, cover art in the comments a few hundred; a stream whose headers never end
    /// must not make the scanner hold everything it sends.
    /// </summary>
    public const int MaxStreamHeader = 4 * 1024 * 1024;

    private ArrayBufferWriter<byte> _incompleteHeader = new();
    private OggStreamHeaders? _stream;
    private byte[]? _completedHeader;
    private ReadOnlyMemory<byte> _streamHeader = ReadOnlyMemory<byte>.Empty;
    private long _streamHeaderAppliesFrom;

    public override int LongestUnconfirmed => OggPageHeader.MaxPageLength;

    public override string Unit => "Ogg page";

    /// <summary>The header pages of the logical stream that the latest join point belongs to.</summary>
    public override ReadOnlyMemory<byte> StreamHeader => _streamHeader;

    public override long StreamHeaderAppliesFrom => _streamHeaderAppliesFrom;

    /// <summary>Vorbis comments or OpusTags of the logical stream that the latest join point belongs to, null when it has none.</summary>
    public StreamTags? CurrentTags { get; private set; }

    /// <summary>Incremented whenever <see cref="CurrentTags"/> changes, so callers can notice a change by comparing.</summary>
    public int TagsVersion { get; private set; }

    private protected override ScanStep Examine(ReadOnlySpan<byte> data, long streamOffset, long position)
    {
        if (!Window.TryRead(position, OggPageHeader.FixedLength, data, streamOffset, out var fixedPart))
            return ScanStep.NeedMore;
        if (!OggPageHeader.TryParse(fixedPart, out var header))
            return ScanStep.Skip;
        if (!Window.TryRead(position, header.HeaderLength, data, streamOffset, out var headerBytes))
            return ScanStep.NeedMore;
        var pageLength = header.PageLength(headerBytes);
        if (!Window.TryRead(position, pageLength, data, streamOffset, out var page))
            return ScanStep.NeedMore;
        if (!OggCrc.IsValidPage(page))
            return ScanStep.Skip;
        return ScanStep.Unit(pageLength, TrackPage(page, header, position));
    }

    /// <summary>Follows the logical stream the page belongs to; returns whether a listener may start at the page.</summary>
    private bool TrackPage(ReadOnlySpan<byte> page, OggPageHeader header, long pageOffset)
    {
        if (header.IsBeginOfStream)
        {
            _stream = new OggStreamHeaders(header.Serial);
            _incompleteHeader.Clear();
            _completedHeader = null;
        }
        // Without the headers of its logical stream a listener could not decode the page.
        if (_stream is null || header.Serial != _stream.Serial)
            return false;

        if (!_stream.IsComplete)
        {
            if (_incompleteHeader.WrittenCount + page.Length > MaxStreamHeader)
            {
                // No listener could join this logical stream anyway; wait for the next one to begin, holding nothing.
                _stream = null;
                _incompleteHeader = new ArrayBufferWriter<byte>();
                return false;
            }
            _incompleteHeader.Write(page);
            _stream.AcceptPage(page, header);
            if (_stream.IsComplete)
                _completedHeader = _incompleteHeader.WrittenSpan.ToArray();
            return false;
        }

        if (_completedHeader is not null)
        {
            _streamHeader = _completedHeader;
            _streamHeaderAppliesFrom = pageOffset;
            _completedHeader = null;
            if (CurrentTags != _stream.Tags)
            {
                CurrentTags = _stream.Tags;
                TagsVersion++;
            }
        }
        return true;
    }
}
