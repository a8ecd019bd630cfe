namespace Cycast.Tests.Support;

/// <summary>Reads a listener's stream up to something the test recognises in it.</summary>
public static class StreamReading
{
    /// <summary>Reads until <paramref name="marker"/> has arrived; returns the bytes before it (the marker is consumed too).</summary>
    public static async Task<byte[]> ReadUntilAsync(this RawClient client, byte[] marker)
    {
        var received = new List<byte>();
        while (received.Count < marker.Length || !received.AsSpan()[^marker.Length..].SequenceEqual(marker))
            received.Add((await client.ReadExactlyAsync(1))[0]);
        return received.AsSpan()[..^marker.Length].ToArray();
    }

    private static Span<byte> AsSpan(this List<byte> list) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
}
