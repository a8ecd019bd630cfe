using Cycast.Shared.Audio;

namespace Cycast.Bench;

/// <summary>An MP3 file split into frames by the station's own parsers, so a feeder can send it at the speed it plays.</summary>
internal sealed class Mp3Stream
{
    private Mp3Stream(byte[] data, IReadOnlyList<(int Offset, int Length)> frames, TimeSpan frameDuration)
    {
        Data = data;
        Frames = frames;
        FrameDuration = frameDuration;
    }

    public byte[] Data { get; }
    public IReadOnlyList<(int Offset, int Length)> Frames { get; }
    public TimeSpan FrameDuration { get; }

    /// <summary>Reads a constant-bitrate file (tags and any info frame left out); every frame then lasts the same time.</summary>
    public static Mp3Stream Load(string path)
    {
        var data = File.ReadAllBytes(path);
        var tags = Id3Reader.Read(data);
        var frames = Mp3FileInfo.Frames(data, tags.AudioStart, tags.AudioEnd).Where(frame => !frame.IsInfoFrame).ToArray();
        if (frames.Length == 0)
            throw new InvalidDataException($"{path} holds no MPEG audio frames");
        return new Mp3Stream(data, [.. frames.Select(frame => (frame.Offset, frame.Length))], frames[0].Duration);
    }
}
