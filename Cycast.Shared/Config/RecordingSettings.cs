namespace Cycast.Shared.Config;

/// <summary>
/// A mount's recording: <c>dump_file</c> (Icecast's <c>&lt;dump-file&gt;</c>) and when a file is cut for the next.
/// Each live source connection gets a file of its own; within one, a file is cut at the first frame or page boundary
/// past either limit.
/// </summary>
/// <param name="File">The file name pattern.</param>
/// <param name="RotateEvery">
/// <c>dump_rotate_seconds</c>: a file ends when the clock passes a multiple of this since midnight UTC (3600: one file
/// per hour, from the hour on); null: no time limit.
/// </param>
/// <param name="RotateBytes"><c>dump_rotate_bytes</c>: a file ends once it holds this many bytes; null: no size limit.</param>
public sealed record RecordingSettings(DumpFilePattern File, TimeSpan? RotateEvery, long? RotateBytes);
