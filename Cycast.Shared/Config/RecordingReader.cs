namespace Cycast.Shared.Config;

/// <summary>
/// Reads a mount's recording keys: <c>dump_file</c>, <c>dump_rotate_seconds</c> and <c>dump_rotate_bytes</c>. Flat keys
/// in the mount block, as Icecast's <c>&lt;dump-file&gt;</c> is a flat element of its <c>&lt;mount&gt;</c>. Whether the
/// directory is writable is not checked here: the recording runs on whichever node runs the mount, and a node that
/// cannot write says so in its log when it tries, without stopping the broadcast.
/// </summary>
internal static class RecordingReader
{
    /// <summary>Smallest size limit: a file of a few frames would be a file per wake of the recorder.</summary>
    public const int MinRotateBytes = 16 * 1024;

    /// <summary>A year: a longer time limit is no limit.</summary>
    private const int MaxRotateSeconds = 366 * 24 * 3600;

    public static RecordingSettings? Read(BlockReader mount)
    {
        var text = mount.String("dump_file", "");
        var seconds = mount.Integer("dump_rotate_seconds", 0, 0, MaxRotateSeconds);
        var bytes = mount.Integer("dump_rotate_bytes", 0, 0, int.MaxValue,
            $"0 (no limit) or an integer between {MinRotateBytes} and {int.MaxValue}");
        if (bytes is > 0 and < MinRotateBytes)
            throw mount.Invalid("dump_rotate_bytes", mount.PositionOf("dump_rotate_bytes"), $"expected 0 (no limit) or an integer between {MinRotateBytes} and {int.MaxValue}, got {bytes}");
        if (text.Length == 0)
        {
            foreach (var key in new[] { "dump_rotate_seconds", "dump_rotate_bytes" })
            {
                if (mount.PositionOf(key) is { } at)
                    throw mount.Invalid(key, at, "set without dump_file: there is no recording to cut");
            }
            return null;
        }
        if (!DumpFilePattern.TryParse(text, out var pattern, out var problem))
            throw mount.Invalid("dump_file", mount.PositionOf("dump_file"), $"{problem}, in {HclString.Quote(text)}");
        return new RecordingSettings(pattern!, seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, bytes > 0 ? bytes : null);
    }
}
