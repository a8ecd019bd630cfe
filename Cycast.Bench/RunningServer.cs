using System.Net;

namespace Cycast.Bench;

/// <summary>A started server: where sources and listeners connect, and its process for /proc figures.</summary>
internal sealed record RunningServer(ServerProcess Process, IPEndPoint SourceEndPoint, IPEndPoint ListenEndPoint) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
