namespace Cycast.Shared.Audio;
public interface IJoinPointScanner
{
    void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints);
    ReadOnlyMemory<byte> StreamHeader { get; }
}
public sealed class Mp3FrameScanner : IJoinPointScanner { public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints){} public ReadOnlyMemory<byte> StreamHeader => default; }
public sealed class OggPageScanner : IJoinPointScanner { public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints){} public ReadOnlyMemory<byte> StreamHeader => default; public StreamTags? CurrentTags => null; public int TagsVersion => 0; }
public sealed record StreamTags(string? Title, string? Artist, string? Album) { public string? DisplayTitle => null; }
