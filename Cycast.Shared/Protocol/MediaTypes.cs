namespace Cycast.Shared.Protocol;

public static class MediaTypes
{
    public static bool IsOgg(string contentType) =>
        contentType is "application/ogg" or "audio/ogg" or "audio/opus" or "audio/vorbis" or "video/ogg";

    public static bool IsMp3(string contentType) => contentType is "audio/mpeg" or "audio/mp3" or "audio/mpeg3";

    /// <summary>AAC, which encoders stream to Icecast in ADTS; <c>audio/aacp</c> is HE-AAC, the same framing.</summary>
    public static bool IsAac(string contentType) => contentType is "audio/aac" or "audio/aacp" or "audio/x-aac";

    /// <summary>Whether the server can find frames or pages in a stream of this type, and so judge and join it.</summary>
    public static bool IsJudged(string contentType) => IsMp3(contentType) || IsOgg(contentType) || IsAac(contentType);
}
