using System.Text;

namespace Cycast.Shared.Icy;

/// <summary>
/// The other side of <see cref="IcyMetadataBlock"/>: takes apart a stream a server sent with <c>icy-metaint</c>, as a
/// relay receives it. After every <c>metaint</c> audio bytes comes one length byte (the block's size in 16-byte
/// units, 0 for none) and the block, <c>StreamTitle='...';</c> padded with NULs. The audio comes out without the
/// blocks, and each block's title as it completes, however the reads split them.
/// </summary>
public sealed class IcyMetadataReader(int metaint)
{
    private readonly int _metaint = metaint;
    private readonly byte[] _block = new byte[IcyMetadataBlock.MaxPayload];
    private int _untilBlock = metaint;
    // While inside a block: its length, and how much of it has come.
    private int _blockLength = -1;
    private int _blockFilled;

    /// <summary>
    /// Copies the audio in <paramref name="input"/> to <paramref name="audio"/> (at least as long as the input) and
    /// returns its length; <paramref name="title"/> is the last title a block in the input completed, or null.
    /// </summary>
    public int Read(ReadOnlySpan<byte> input, Span<byte> audio, out string? title)
    {
        title = null;
        var written = 0;
        while (!input.IsEmpty)
        {
            if (_untilBlock > 0)
            {
                var take = Math.Min(_untilBlock, input.Length);
                input[..take].CopyTo(audio[written..]);
                written += take;
                _untilBlock -= take;
                input = input[take..];
            }
            else if (_blockLength < 0)
            {
                _blockLength = input[0] * 16;
                _blockFilled = 0;
                input = input[1..];
                EndBlockIfWhole(ref title);
            }
            else
            {
                var take = Math.Min(_blockLength - _blockFilled, input.Length);
                input[..take].CopyTo(_block.AsSpan(_blockFilled));
                _blockFilled += take;
                input = input[take..];
                EndBlockIfWhole(ref title);
            }
        }
        return written;
    }

    private void EndBlockIfWhole(ref string? title)
    {
        if (_blockFilled < _blockLength)
            return;
        if (_blockLength > 0 && StreamTitle(_block.AsSpan(0, _blockLength)) is { } streamTitle)
            title = streamTitle;
        _blockLength = -1;
        _untilBlock = _metaint;
    }

    /// <summary>
    /// The <c>StreamTitle</c> field of a block, or null when it has none. Servers send UTF-8 these days; a block that is
    /// not valid UTF-8 is taken as Latin-1, as SHOUTcast v1 servers send it.
    /// </summary>
    public static string? StreamTitle(ReadOnlySpan<byte> block)
    {
        var end = block.IndexOf((byte)0);
        var bytes = end < 0 ? block : block[..end];
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }
        const string field = "StreamTitle='";
        var start = text.IndexOf(field, StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += field.Length;
        var close = text.IndexOf("';", start, StringComparison.Ordinal);
        return close < 0 ? text[start..].TrimEnd('\'', ';') : text[start..close];
    }
}
