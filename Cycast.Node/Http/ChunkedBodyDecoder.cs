using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cycast.Node.Http;

/// <summary>
/// Removes HTTP/1.1 chunked framing from a source's body as it arrives. Icecast 2.4 encoders send an unframed body,
/// but a PUT through a proxy, or from a generic HTTP client, may arrive chunked.
/// </summary>
public sealed class ChunkedBodyDecoder
{
    private const int MaxLine = 1024;

    private enum State { Size, Data, DataEnd, Trailer, Done }

    private State _state = State.Size;
    private long _remaining;

    /// <summary>True once the terminating zero-size chunk and its trailer have been read.</summary>
    public bool IsComplete => _state == State.Done;

    /// <summary>
    /// Reads framing and body from <paramref name="input"/>, handing each run of body bytes to
    /// <paramref name="onBody"/>; returns how far the input was consumed. Throws <see cref="FormatException"/> on
    /// framing that is not chunked encoding.
    /// </summary>
    public SequencePosition Decode(in ReadOnlySequence<byte> input, Action<ReadOnlySequence<byte>> onBody)
    {
        var reader = new SequenceReader<byte>(input);
        while (_state != State.Done)
        {
            switch (_state)
            {
                case State.Size:
                    if (!TryReadLine(ref reader, out var sizeLine))
                        return reader.Position;
                    _remaining = ParseSize(sizeLine);
                    _state = _remaining == 0 ? State.Trailer : State.Data;
                    break;
                case State.Data:
                    if (reader.End)
                        return reader.Position;
                    var take = Math.Min(_remaining, reader.Remaining);
                    onBody(reader.UnreadSequence.Slice(0, take));
                    reader.Advance(take);
                    _remaining -= take;
                    if (_remaining == 0)
                        _state = State.DataEnd;
                    break;
                case State.DataEnd:
                    if (!TryReadLine(ref reader, out var end))
                        return reader.Position;
                    if (end.Length != 0)
                        throw new FormatException("chunk data is not followed by CRLF");
                    _state = State.Size;
                    break;
                case State.Trailer:
                    if (!TryReadLine(ref reader, out var trailer))
                        return reader.Position;
                    if (trailer.Length == 0)
                        _state = State.Done;
                    break;
            }
        }
        return reader.Position;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> line)
    {
        if (reader.TryReadTo(out line, (byte)'\n'))
        {
            // The same limit as for a line still arriving, so a line's fate does not depend on how the reads cut it.
            if (line.Length > MaxLine)
                throw new FormatException($"chunk framing line longer than {MaxLine} bytes");
            if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
                line = line.Slice(0, line.Length - 1);
            return true;
        }
        if (reader.Remaining > MaxLine)
            throw new FormatException($"chunk framing line longer than {MaxLine} bytes");
        return false;
    }

    private static long ParseSize(ReadOnlySequence<byte> line)
    {
        var text = Encoding.ASCII.GetString(line);
        var extension = text.IndexOf(';');
        var hex = (extension < 0 ? text : text[..extension]).Trim();
        if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            throw new FormatException($"invalid chunk size '{hex}'");
        return size;
    }
}
