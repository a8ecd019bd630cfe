using System.Text;

namespace Cycast.Shared.Icy;

/// <summary>
/// The metadata block Shoutcast/Icecast players expect every <c>icy-metaint</c> audio bytes: one length byte
/// (the block's size in 16-byte units), then <c>StreamTitle='...';</c> padded with NULs to that size.
/// A single zero byte means "unchanged". Players read the title up to the first <c>';</c> and know no escape for a
/// quote (Icecast sends titles as they are), so a <c>'</c> in a title goes as U+2019 (’), which looks the same and
/// cannot end the field and start a <c>StreamUrl</c> of the title's own.
/// </summary>
public static class IcyMetadataBlock
{
    public const int MaxPayload = 255 * 16;

    public static ReadOnlyMemory<byte> Empty { get; } = new byte[] { 0 };

    public static byte[] Encode(string? streamTitle)
    {
        var prefix = "StreamTitle='"u8;
        var suffix = "';"u8;
        var title = Encoding.UTF8.GetBytes((streamTitle ?? "").Replace('\'', '\u2019'));
        var room = MaxPayload - prefix.Length - suffix.Length;
        var titleLength = Math.Min(title.Length, room);
        // Never cut a UTF-8 sequence in half: back up to the start of the last whole character.
        while (titleLength < title.Length && titleLength > 0 && (title[titleLength] & 0xC0) == 0x80)
            titleLength--;

        var payload = prefix.Length + titleLength + suffix.Length;
        var units = (payload + 15) / 16;
        var block = new byte[1 + units * 16];
        block[0] = (byte)units;
        prefix.CopyTo(block.AsSpan(1));
        title.AsSpan(0, titleLength).CopyTo(block.AsSpan(1 + prefix.Length));
        suffix.CopyTo(block.AsSpan(1 + prefix.Length + titleLength));
        return block;
    }
}
