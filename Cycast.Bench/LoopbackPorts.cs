using System.Net;
using System.Net.Sockets;

namespace Cycast.Bench;

internal static class LoopbackPorts
{
    /// <summary>
    /// Ports the kernel just handed out as free. All listeners are held open together so the
    /// ports are distinct; a small race with other programs remains until the server binds.
    /// </summary>
    public static int[] TakeFree(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
