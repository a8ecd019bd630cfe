using System.Buffers.Binary;
using System.Text;

namespace Cycast.Tests.Audio;

/// <summary>
/// Builds Ogg pages and Vorbis/Opus-shaped header packets in code. The CRC here is a bit-by-bit implementation of the
/// specification, independent of the table-driven one under test.
/// </summary>
internal sealed class SyntheticOgg
{
    public const byte Continued = 1, BeginOfStream = 2, EndOfStream = 4;

    private readonly uint _serial;
    private uint _sequence;
    private readonly List<byte> _bytes = [];

    public SyntheticOgg(uint serial) => _serial = serial;

    public List<int> PageOffsets { get; } = [];
    public byte[] Bytes => [.. _bytes];

    public static byte[] VorbisIdentification(int sampleRate)
    {
        var packet = new byte[30];
        "\x01vorbis"u8.CopyTo(packet);
        packet[11] = 2;
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(12), sampleRate);
        packet[29] = 1;
        return packet;
    }

    /// <summary>
    /// The Ogg FLAC mapping's first packet: 0x7F "FLAC", version 1.0, the count of header packets after it, "fLaC",
    /// then a STREAMINFO block whose 20-bit sample rate is <paramref name="sampleRate"/>.
    /// </summary>
    public static byte[] FlacIdentification(ushort headerPackets, int sampleRate)
    {
        var packet = new byte[51];
        "\u007FFLAC"u8.CopyTo(packet);
        (packet[5], packet[6]) = (1, 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(7), headerPackets);
        "fLaC"u8.CopyTo(packet.AsSpan(9));
        (packet[13], packet[16]) = (0, 34);
        (packet[27], packet[28], packet[29]) = ((byte)(sampleRate >> 12), (byte)(sampleRate >> 4), (byte)((sampleRate & 0xF) << 4));
        return packet;
    }

    /// <summary>Ogg FLAC's comment packet: a VORBIS_COMMENT metadata block (type 4) around the comment list.</summary>
    public static byte[] FlacComments(byte[] list) =>
        [0x84, (byte)(list.Length >> 16), (byte)(list.Length >> 8), (byte)list.Length, .. list];

    public static byte[] OpusHead(ushort preSkip)
    {
        var packet = new byte[19];
        "OpusHead"u8.CopyTo(packet);
        packet[8] = 1;
        packet[9] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(packet.AsSpan(10), preSkip);
        BinaryPrimitives.WriteInt32LittleEndian(packet.AsSpan(12), 48000);
        return packet;
    }

    public static byte[] Comments(ReadOnlySpan<byte> magic, params string[] comments)
    {
        var packet = new List<byte>(magic.ToArray());
        AddString(packet, "synthetic vendor");
        packet.AddRange(BitConverter.GetBytes(comments.Length));
        foreach (var comment in comments)
            AddString(packet, comment);
        return [.. packet];
    }

    /// <summary>Writes one page holding whole packets, or the continuation/start of one when flags say so.</summary>
    public int AddPage(byte flags, long granule, params byte[][] packets) => AddPage(flags, granule, packets, lastPacketEnds: true);

    public int AddPage(byte flags, long granule, byte[][] packets, bool lastPacketEnds)
    {
        var lacing = new List<byte>();
        for (var i = 0; i < packets.Length; i++)
        {
            var length = packets[i].Length;
            for (; length >= 255; length -= 255)
                lacing.Add(255);
            if (i < packets.Length - 1 || lastPacketEnds)
                lacing.Add((byte)length);
        }
        var page = new byte[27 + lacing.Count + packets.Sum(p => p.Length)];
        "OggS"u8.CopyTo(page);
        page[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), _serial);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), _sequence++);
        page[26] = (byte)lacing.Count;
        lacing.ToArray().CopyTo(page, 27);
        var body = 27 + lacing.Count;
        foreach (var packet in packets)
        {
            packet.CopyTo(page, body);
            body += packet.Length;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), Crc(page));
        PageOffsets.Add(_bytes.Count);
        _bytes.AddRange(page);
        return page.Length;
    }

    /// <summary>A Vorbis-shaped stream: identification, a comment packet spanning two pages, setup, then audio pages.</summary>
    public static SyntheticOgg VorbisStream(uint serial, int sampleRate, string title, int audioPages, out int headerPages)
    {
        var ogg = new SyntheticOgg(serial);
        var comments = Comments("\x03vorbis"u8, "title=" + title, "Artist=Synth", "COMMENT=" + new string('x', 70_000));
        ogg.AddPage(BeginOfStream, 0, VorbisIdentification(sampleRate));
        // 255 * 255 bytes fill one page's segment table exactly; the rest of the comment packet continues on the next.
        ogg.AddPage(0, 0, [comments[..(255 * 255)]], lastPacketEnds: false);
        ogg.AddPage(Continued, 0, comments[(255 * 255)..], new byte[300]);
        headerPages = 3;
        for (var i = 1; i <= audioPages; i++)
            ogg.AddPage(i == audioPages ? EndOfStream : (byte)0, i * 1024, Filler(i, 500));
        return ogg;
    }

    public static byte[] Filler(int seed, int length)
    {
        var filler = new byte[length];
        new Random(seed).NextBytes(filler);
        return filler;
    }

    public static uint Crc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            var b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
        }
        return crc;
    }

    private static void AddString(List<byte> packet, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        packet.AddRange(BitConverter.GetBytes(utf8.Length));
        packet.AddRange(utf8);
    }
}
