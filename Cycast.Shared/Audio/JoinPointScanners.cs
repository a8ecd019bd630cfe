using Cycast.Shared.Protocol;

namespace Cycast.Shared.Audio;

public static class JoinPointScanners
{
    /// <summary>The scanner that finds frames or pages in a stream of <paramref name="contentType"/>; null when the server knows no such thing.</summary>
    public static IJoinPointScanner? For(string contentType) =>
        MediaTypes.IsOgg(contentType) ? new OggPageScanner()
        : MediaTypes.IsMp3(contentType) ? new Mp3FrameScanner()
        : MediaTypes.IsAac(contentType) ? new AdtsFrameScanner()
        : null;
}
