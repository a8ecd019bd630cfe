using System.Text;

namespace Cycast.Tests.Support;

/// <summary>Reads the titles a player that sent <c>Icy-MetaData: 1</c> gets, one ICY block every <c>metaint</c> audio bytes.</summary>
public static class IcyTitles
{
    /// <summary>The next block's StreamTitle that is not empty, skipping empty blocks.</summary>
    public static async Task<string> NextNamedAsync(RawClient listener, int metaint)
    {
        string? title;
        do
            title = await NextAsync(listener, metaint);
        while (string.IsNullOrEmpty(title));
        return title;
    }

    /// <summary>Skips a metaint of audio and reads the block after it: its StreamTitle, or null for an empty block.</summary>
    public static async Task<string?> NextAsync(RawClient listener, int metaint)
    {
        await listener.ReadExactlyAsync(metaint);
        var length = (await listener.ReadExactlyAsync(1))[0] * 16;
        if (length == 0)
            return null;
        var block = Encoding.UTF8.GetString(await listener.ReadExactlyAsync(length)).TrimEnd('\0');
        Assert.StartsWith("StreamTitle='", block);
        Assert.Contains("';", block);
        return block["StreamTitle='".Length..block.IndexOf("';", StringComparison.Ordinal)];
    }

    /// <summary>Reads blocks until <paramref name="title"/> is announced (titles before it are of what played before), within <paramref name="patience"/>.</summary>
    public static async Task WaitForAsync(RawClient listener, int metaint, string title, TimeSpan patience)
    {
        using var waiting = new CancellationTokenSource(patience);
        while (await NextNamedAsync(listener, metaint).WaitAsync(waiting.Token) != title)
        {
        }
    }
}
