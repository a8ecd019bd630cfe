namespace Cycast.Shared.Audio;

/// <summary>What a <see cref="ResyncingScanner"/> found at one position of the stream.</summary>
public readonly record struct ScanStep
{
    private ScanStep(int length, bool isJoinPoint)
    {
        Length = length;
        IsJoinPoint = isJoinPoint;
    }

    /// <summary>The unit's length; 0 when the unit needs bytes not yet fed, -1 when no unit starts here.</summary>
    public int Length { get; }
    public bool IsJoinPoint { get; }

    public static ScanStep NeedMore { get; } = new(0, false);

    /// <summary>Nothing the format knows starts here: the scan tries the next byte.</summary>
    public static ScanStep Skip { get; } = new(-1, false);

    /// <summary>A whole unit (frame, page) of <paramref name="length"/> bytes, at least one, starts here.</summary>
    public static ScanStep Unit(int length, bool isJoinPoint) =>
        length > 0 ? new(length, isJoinPoint) : throw new ArgumentOutOfRangeException(nameof(length), length, "a unit holds a byte at least");
}
