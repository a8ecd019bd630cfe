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
    /// <summary>
    /// Codec headers are a few kilobytes, cover art in the comments a few hundred; a stream whose headers never end
    /// must not make the scanner hold everything it sends.
    /// </summary>
    public const int MaxStreamHeader = 4 * 1024 * 1024;

    private readonly CarryOverWindow _window = new(OggPageHeader.MaxPageLength);
    private ArrayBufferWriter<byte> _incompleteHeader = new();
    private OggStreamHeaders? _stream;
    private byte[]? _completedHeader;
    private long _position;

    public int LongestUnconfirmed => OggPageHeader.MaxPageLength;

    public string Unit => "Ogg page";

    /// <summary>The header pages of the logical stream that the latest join point belongs to.</summary>
    public ReadOnlyMemory<byte> StreamHeader { get; private set; } = ReadOnlyMemory<byte>.Empty;

    public long StreamHeaderAppliesFrom { get; private set; }

    /// <summary>Vorbis comments or OpusTags of the logical stream that the latest join point belongs to, null when it has none.</summary>
    public StreamTags? CurrentTags { get; private set; }

    /// <summary>Incremented whenever <see cref="CurrentTags"/> changes, so callers can notice a change by comparing.</summary>
    public int TagsVersion { get; private set; }

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        _position = _window.Continue(_position, streamOffset, data.Length);

        while (_window.TryRead(_position, OggPageHeader.FixedLength, data, streamOffset, out var fixedPart))
        {
            if (!OggPageHeader.TryParse(fixedPart, out var header))
            {
                _position++;
                continue;
            }
            if (!_window.TryRead(_position, header.HeaderLength, data, streamOffset, out var headerBytes))
                break;
            var pageLength = header.PageLength(headerBytes);
            if (!_window.TryRead(_position, pageLength, data, streamOffset, out var page))
                break;
            if (!OggCrc.IsValidPage(page))
            {
                _position++;
                continue;
            }
            if (TrackPage(page, header, _position))
                joinPoints.Add(_position);
            _position += pageLength;
        }
        _window.KeepFrom(_position, data, streamOffset);
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
            StreamHeader = _completedHeader;
            StreamHeaderAppliesFrom = pageOffset;
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
