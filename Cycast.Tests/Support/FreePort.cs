using System.Net;
using System.Net.Sockets;

namespace Cycast.Tests.Support;

public static class FreePort
{
    /// <summary>A port the kernel just handed out and nobody holds.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
