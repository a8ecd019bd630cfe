namespace Cycast.Shared.AdminApi;

/// <summary>
/// <c>GET /admin/api/memory</c>: what this node holds, for telling a leak from a load (bench/soak.sh samples it).
/// Asking costs a full, blocking garbage collection first, so <see cref="HeapBytes"/> counts live objects only.
/// </summary>
/// <param name="HeapBytes">The managed heap's live bytes after a full collection.</param>
/// <param name="RingBytes">Of those, the mounts' rings (one per mount the node serves): what the heap holds for audio.</param>
/// <param name="ResidentBytes">The process's resident memory (what top shows).</param>
/// <param name="OpenFiles">File descriptors the process holds: sockets, files, pipes.</param>
/// <param name="Threads">The process's threads.</param>
public sealed record MemoryView(long HeapBytes, long RingBytes, long ResidentBytes, int OpenFiles, int Threads);
