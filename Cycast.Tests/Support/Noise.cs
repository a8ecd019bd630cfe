namespace Cycast.Tests.Support;

/// <summary>What a broken encoder sends: bytes that are not audio, never letting the wire go quiet.</summary>
public static class Noise
{
    /// <summary>
    /// Sends 1 KiB of seeded random bytes with no 0xFF in them (so no MP3 or ADTS sync word) every 100 ms, for at most
    /// ten seconds, until the node closes the connection; returns what the node sent back before it closed.
    /// </summary>
    public static async Task<byte[]> SendUntilClosedAsync(RawClient source, int seed = 7)
    {
        var random = new Random(seed);
        var closed = source.ReadToEndAsync();
        for (var write = 0; write < 100 && !closed.IsCompleted; write++)
        {
            var bytes = new byte[1024];
            random.NextBytes(bytes);
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] &= 0x7F;
            await source.SendAsync(bytes);
            // Paces the writes, faster than source_timeout: not a wait for the node.
            await Task.WhenAny(closed, Task.Delay(100));
        }
        return await closed;
    }
}
