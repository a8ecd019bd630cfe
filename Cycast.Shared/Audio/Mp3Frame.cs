namespace Cycast.Shared.Audio;

/// <summary>One frame of an MP3 file; an info frame (Xing/Info/VBRI) carries metadata and no audible audio.</summary>
public readonly record struct Mp3Frame(int Offset, int Length, TimeSpan Duration, bool IsInfoFrame);
