namespace Cycast.Tests.Support;

/// <summary>Opens a player's connection to a mount.</summary>
public static class TestListener
{
    public static async Task<(RawClient Client, string Head)> ConnectAsync(TestStation station, string mount = "/stream",
        bool icy = false, int? receiveBuffer = null, string method = "GET")
    {
        var client = await RawClient.ConnectAsync(station.ListenPort, receiveBuffer);
        await client.SendAsync($"{method} {mount} HTTP/1.0\r\nUser-Agent: cycast-tests\r\n{(icy ? "Icy-MetaData: 1\r\n" : "")}\r\n");
        return (client, await client.ReadHeadAsync());
    }
}
