using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Clustering;

/// <summary>How the fields that several messages share go on the wire: strings and arrays length-first, optional values flagged.</summary>
internal static class WireFormat
{
    public static void WriteBytes(this BinaryWriter w, ReadOnlySpan<byte> bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    public static byte[] ReadBytes(this BinaryReader r) => r.ReadBytes(r.ReadCount(leastBytesPerItem: 1));

    /// <summary>
    /// Reads what <see cref="WriteBytes"/> wrote as a slice of the message's own array, without copying: the reader's
    /// stream must be a publicly visible <see cref="MemoryStream"/> over that array, which nobody writes again.
    /// </summary>
    public static ReadOnlyMemory<byte> ReadSlice(this BinaryReader r)
    {
        var length = r.ReadCount(leastBytesPerItem: 1);
        var stream = (MemoryStream)r.BaseStream;
        var slice = stream.GetBuffer().AsMemory((int)stream.Position, length);
        stream.Position += length;
        return slice;
    }

    public static void WriteGuid(this BinaryWriter w, Guid guid) => w.Write(guid.ToByteArray());

    public static Guid ReadGuid(this BinaryReader r) => new(r.ReadBytes(16));

    public static void WriteOptional(this BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    public static string? ReadOptional(this BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    public static void WriteTitle(this BinaryWriter w, TrackTitle title)
    {
        w.Write(title.Artist);
        w.Write(title.Title);
    }

    public static TrackTitle ReadTitle(this BinaryReader r) => new(r.ReadString(), r.ReadString());

    public static void WriteProperties(this BinaryWriter w, SourceProperties p)
    {
        w.WriteDescription(p.ContentType, p.Name, p.Genre, p.Description, p.Url, p.Public, p.Bitrate, p.AudioInfo);
        w.WriteOptional(p.UserAgent);
    }

    public static SourceProperties ReadProperties(this BinaryReader r)
    {
        var d = r.ReadDescription();
        return new(d.ContentType, d.Name, d.Genre, d.Description, d.Url, d.Public, d.Bitrate, d.AudioInfo, r.ReadOptional());
    }

    public static void WriteHead(this BinaryWriter w, StreamHeadFields h) =>
        w.WriteDescription(h.ContentType, h.Name, h.Genre, h.Description, h.Url, h.Public, h.Bitrate, h.AudioInfo);

    public static StreamHeadFields ReadHead(this BinaryReader r)
    {
        var d = r.ReadDescription();
        return new(d.ContentType, d.Name, d.Genre, d.Description, d.Url, d.Public == true, d.Bitrate, d.AudioInfo);
    }

    /// <summary>
    /// How a stream is described, alike in an encoder's request (<see cref="SourceProperties"/>) and in the head its
    /// listeners get (<see cref="StreamHeadFields"/>). Public is one byte: -1 when the encoder did not say, else 0 or 1.
    /// </summary>
    private static void WriteDescription(this BinaryWriter w, string contentType, string? name, string? genre, string? description, string? url,
        bool? isPublic, string? bitrate, string? audioInfo)
    {
        w.Write(contentType);
        w.WriteOptional(name);
        w.WriteOptional(genre);
        w.WriteOptional(description);
        w.WriteOptional(url);
        w.Write((sbyte)(isPublic switch { null => -1, false => 0, true => 1 }));
        w.WriteOptional(bitrate);
        w.WriteOptional(audioInfo);
    }

    private static (string ContentType, string? Name, string? Genre, string? Description, string? Url, bool? Public, string? Bitrate, string? AudioInfo)
        ReadDescription(this BinaryReader r) =>
        (r.ReadString(), r.ReadOptional(), r.ReadOptional(), r.ReadOptional(), r.ReadOptional(), r.ReadSByte() switch { -1 => null, 0 => false, _ => true },
            r.ReadOptional(), r.ReadOptional());

    public static void WriteCounts(this BinaryWriter w, IReadOnlyDictionary<string, int> counts)
    {
        w.Write(counts.Count);
        foreach (var (key, count) in counts)
        {
            w.Write(key);
            w.Write(count);
        }
    }

    public static Dictionary<string, int> ReadCounts(this BinaryReader r)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var left = r.ReadInt32(); left > 0; left--)
            counts[r.ReadString()] = r.ReadInt32();
        return counts;
    }

    public static void WriteLongs(this BinaryWriter w, long[] values)
    {
        w.Write(values.Length);
        foreach (var value in values)
            w.Write(value);
    }

    public static long[] ReadLongs(this BinaryReader r)
    {
        var values = new long[r.ReadCount(leastBytesPerItem: sizeof(long))];
        for (var i = 0; i < values.Length; i++)
            values[i] = r.ReadInt64();
        return values;
    }

    public static void WriteList<T>(this BinaryWriter w, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
            write(w, item);
    }

    public static T[] ReadList<T>(this BinaryReader r, Func<BinaryReader, T> read)
    {
        var items = new T[r.ReadCount(leastBytesPerItem: 1)];
        for (var i = 0; i < items.Length; i++)
            items[i] = read(r);
        return items;
    }

    /// <summary>
    /// A length or item count read from the wire, checked against what is left of the message before anything is
    /// allocated for it: a forged count of 2^31 must not cost gigabytes.
    /// </summary>
    private static int ReadCount(this BinaryReader r, int leastBytesPerItem)
    {
        var count = r.ReadInt32();
        var left = r.BaseStream.Length - r.BaseStream.Position;
        if (count < 0 || (long)count * leastBytesPerItem > left)
            throw new EndOfStreamException($"a field of {count} items does not fit in the {left} bytes left of the message");
        return count;
    }
}
