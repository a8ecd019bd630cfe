using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cycast.Tests.Support;

public static class FreePort
{
    /// <summary>
    /// Ports below the kernel's ephemeral range (<c>net.ipv4.ip_local_port_range</c> starts at 32768): the kernel never
    /// gives one of these to an outgoing connection, so a port found free stays free until its server binds it, however
    /// many client connections the suite opens meanwhile (one test alone opens two thousand).
    /// </summary>
    private const int First = 20_000, Last = 32_767;

    private static int _last = First + Random.Shared.Next(2_000);

    /// <summary>Every port handed out in this test run: a port is found free before its server binds it.</summary>
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>A port that nobody holds, outside the ephemeral range, and that no other test of this run was given.</summary>
    public static int Next()
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _last);
            if (port > Last)
                throw new InvalidOperationException($"no free port left in {First}-{Last}");
            if (!HandedOut.TryAdd(port, 0))
                continue;
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Held by something outside this test run: try the next.
            }
        }
    }
}
