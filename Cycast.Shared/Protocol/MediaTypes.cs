namespace Cycast.Shared.Protocol;

public static class MediaTypes
{
    public static bool IsOgg(string contentType) =>
        contentType is "application/ogg" or "audio/ogg" or "audio/opus" or "audio/vorbis" or "video/ogg";

    public static bool IsMp3(string contentType) => contentType is "audio/mpeg" or "audio/mp3" or "audio/mpeg3";
}
