namespace Cycast.Shared.Icy;

/// <summary>
/// One listener's place in the ICY layout: after every <c>metaint</c> audio bytes comes a metadata block, which is
/// the full title the first time and whenever it changes, and a single zero byte otherwise.
/// </summary>
public sealed class IcyInterleaver(int metaint)
{
    private int _untilBlock = metaint;
    private int _sentVersion = -1;

    public int Metaint { get; } = metaint;

    /// <summary>Whether the audio sent so far ends where a block is due, which has not gone out yet.</summary>
    public bool IsBlockDue => _untilBlock == 0;

    /// <summary>The next block carries the title in full, whatever was sent before: the listener now hears another mount.</summary>
    public void ResendTitle() => _sentVersion = -1;

    /// <summary>How many of <paramref name="available"/> audio bytes may go out before the next block is due.</summary>
    public int AudioBeforeBlock(int available) => Math.Min(available, _untilBlock);

    /// <summary>Records audio sent; true when a metadata block is now due.</summary>
    public bool AudioSent(int count)
    {
        _untilBlock -= count;
        return _untilBlock == 0;
    }

    /// <summary>The block to send now, given the current title's version and its encoded block.</summary>
    public ReadOnlyMemory<byte> TakeBlock(int titleVersion, ReadOnlyMemory<byte> titleBlock)
    {
        _untilBlock = Metaint;
        if (titleVersion == _sentVersion)
            return IcyMetadataBlock.Empty;
        _sentVersion = titleVersion;
        return titleBlock;
    }
}
