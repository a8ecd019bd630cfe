namespace Cycast.Tests.Support;

/// <summary>Opens a player's connection to a mount.</summary>
public static class TestListener
{
    public static Task<(RawClient Client, string Head)> ConnectAsync(TestStation station, string mount = "/stream",
        bool icy = false, int? receiveBuffer = null, string method = "GET") =>
        ConnectAsync(station.ListenPort, mount, icy, receiveBuffer, method);

    /// <summary>The same, to whatever listens on <paramref name="listenPort"/>: a cluster node, a load balancer.</summary>
    public static async Task<(RawClient Client, string Head)> ConnectAsync(int listenPort, string mount = "/stream",
        bool icy = false, int? receiveBuffer = null, string method = "GET")
    {
        var client = await RawClient.ConnectAsync(listenPort, receiveBuffer);
        await client.SendAsync($"{method} {mount} HTTP/1.0\r\nUser-Agent: cycast-tests\r\n{(icy ? "Icy-MetaData: 1\r\n" : "")}\r\n");
        return (client, await client.ReadHeadAsync());
    }
}
