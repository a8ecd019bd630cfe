namespace Cycast.Shared.Protocol;

public static class MediaTypes
{
    public static bool IsOgg(string contentType) =>
        contentType is "application/ogg" or "audio/ogg" or "audio/opus" or "audio/vorbis" or "video/ogg";

    public static bool IsMp3(string contentType) => contentType is "audio/mpeg" or "audio/mp3" or "audio/mpeg3";

    /// <summary>AAC, which encoders stream to Icecast in ADTS; <c>audio/aacp</c> is HE-AAC, the same framing.</summary>
    public static bool IsAac(string contentType) => contentType is "audio/aac" or "audio/aacp" or "audio/x-aac";

    /// <summary>
    /// Whether a player decoding <paramref name="from"/> can go on decoding <paramref name="to"/> on the same
    /// connection (a listener moved between mounts): the same container, or the very same type when the server does
    /// not know it.
    /// </summary>
    public static bool CanFollow(string from, string to) => Family(from) == Family(to);

    private static string Family(string contentType) =>
        IsOgg(contentType) ? "ogg" : IsMp3(contentType) ? "mp3" : IsAac(contentType) ? "aac" : contentType;

    /// <summary>Whether the server can find frames or pages in a stream of this type, and so judge and join it.</summary>
    public static bool IsJudged(string contentType) => IsMp3(contentType) || IsOgg(contentType) || IsAac(contentType);
}
