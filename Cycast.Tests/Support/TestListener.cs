namespace Cycast.Tests.Support;

/// <summary>Opens a player's connection to a mount.</summary>
public static class TestListener
{
    public static Task<(RawClient Client, string Head)> ConnectAsync(TestStation station, string mount = "/stream",
        bool icy = false, int? receiveBuffer = null, string method = "GET", string extraHeaders = "") =>
        ConnectAsync(station.ListenPort, mount, icy, receiveBuffer, method, extraHeaders: extraHeaders);

    /// <summary>The same, to whatever listens on <paramref name="listenPort"/>: a cluster node, a load balancer.</summary>
    public static async Task<(RawClient Client, string Head)> ConnectAsync(int listenPort, string mount = "/stream",
        bool icy = false, int? receiveBuffer = null, string method = "GET", string host = "127.0.0.1", string extraHeaders = "")
    {
        var client = await RawClient.ConnectAsync(listenPort, receiveBuffer, host: host);
        await client.SendAsync($"{method} {mount} HTTP/1.0\r\nUser-Agent: cycast-tests\r\n{(icy ? "Icy-MetaData: 1\r\n" : "")}{extraHeaders}\r\n");
        return (client, await client.ReadHeadAsync());
    }

    /// <summary>A player's login, <c>user:password</c>, as its <c>Authorization</c> header line; none for null.</summary>
    public static string Login(string? credentials) =>
        credentials is null ? "" : $"Authorization: Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials))}\r\n";

    /// <summary>Completes once a listener of the mount has been sent audio: the mount plays, its playlist or a source.</summary>
    public static async Task HearAsync(TestStation station, string mount)
    {
        var (client, head) = await ConnectAsync(station, mount);
        await using var _ = client;
        Assert.Contains(" 200 OK\r\n", head);
        await client.ReadExactlyAsync(4096);
    }
}
