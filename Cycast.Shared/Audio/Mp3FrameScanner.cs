namespace Cycast.Shared.Audio;

/// <summary>Join points of an MPEG audio stream: frames confirmed by the next frame's header.</summary>
public sealed class Mp3FrameScanner : PairedFrameScanner<Mp3FrameHeader>;
