using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cycast.Tests.Support;

public static class FreePort
{
    /// <summary>Every port handed out in this test run: a port is found free before its server binds it, so the kernel could give it again meanwhile.</summary>
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>A port the kernel just handed out, that nobody holds and no other test of this run was given.</summary>
    public static int Next()
    {
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
                return port;
        }
    }
}
