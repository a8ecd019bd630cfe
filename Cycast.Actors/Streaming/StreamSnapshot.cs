namespace Cycast.Actors.Streaming;

/// <summary>
/// The stream a <see cref="StreamHistory"/> holds, at one moment, for a reader that copies it in whole frames or pages.
/// </summary>
/// <param name="Number">Which stream this is: the history counts the streams begun in it (a source, then a playlist, ...).</param>
/// <param name="Start">The ring offset where this stream began: where the one before it ended.</param>
/// <param name="Written">The ring's write offset: what is written, of this stream or earlier ones.</param>
/// <param name="Live">Whether this stream is the mount's live source's, not its playlist's.</param>
/// <param name="WholeTo">The latest join point up to <paramref name="Written"/>: every frame or page before it is whole.</param>
/// <param name="BeginAt">Where a copy may begin, after <paramref name="Header"/>, as a new listener would; null while there is no such place yet.</param>
/// <param name="Header">What a copy begun at <paramref name="BeginAt"/> needs first: an Ogg stream's codec header pages; empty for MP3.</param>
public readonly record struct StreamSnapshot(int Number, long Start, long Written, bool Live, long? WholeTo, long? BeginAt, ReadOnlyMemory<byte> Header);
