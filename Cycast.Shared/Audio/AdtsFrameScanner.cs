namespace Cycast.Shared.Audio;

/// <summary>Join points of an AAC stream in ADTS: frames confirmed by the next frame's header.</summary>
public sealed class AdtsFrameScanner : PairedFrameScanner<AdtsFrameHeader>;
