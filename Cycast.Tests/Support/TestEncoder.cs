using System.Net.Http.Headers;
using System.Text;

namespace Cycast.Tests.Support;

/// <summary>Opens a source connection the way Icecast encoders do.</summary>
public static class TestEncoder
{
    public static string Auth(string password = TestStation.Password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("source:" + password));

    /// <summary>libshout/butt style: <c>SOURCE /mount HTTP/1.0</c>.</summary>
    public static Task<(RawClient Client, string Reply)> SourceAsync(TestStation station, string mount = "/stream",
        string password = TestStation.Password, string extraHeaders = "", string contentType = "audio/mpeg") =>
        SourceAsync(station.SourcePort, mount, password, extraHeaders, contentType);

    /// <summary>The same, to whatever listens on <paramref name="sourcePort"/>: a cluster node, a load balancer.</summary>
    public static async Task<(RawClient Client, string Reply)> SourceAsync(int sourcePort, string mount = "/stream",
        string password = TestStation.Password, string extraHeaders = "", string contentType = "audio/mpeg", string host = "127.0.0.1")
    {
        var client = await RawClient.ConnectAsync(sourcePort, host: host);
        await client.SendAsync($"SOURCE {mount} HTTP/1.0\r\nAuthorization: {Auth(password)}\r\nContent-Type: {contentType}\r\n{extraHeaders}\r\n");
        return (client, await client.ReadHeadAsync());
    }

    /// <summary>Starts a source and waits until the mount says it is live.</summary>
    public static async Task<RawClient> LiveAsync(TestStation station, string mount = "/stream", string extraHeaders = "",
        string contentType = "audio/mpeg")
    {
        var live = station.WhenSourceAsync(mount, live: true);
        var (client, reply) = await SourceAsync(station, mount, extraHeaders: extraHeaders, contentType: contentType);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await live;
        return client;
    }

    /// <summary>Icecast's <c>/admin/metadata</c> call, as encoders make it, with the reply read in full.</summary>
    public static async Task<HttpResponseMessage> MetadataAsync(int port, string query, string password = TestStation.Password)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/admin/metadata?{query}");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(Auth(password));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Sets /stream's title the way encoders do, and insists it was taken.</summary>
    public static async Task SetTitleAsync(int port, string song)
    {
        using var response = await MetadataAsync(port, $"mount=/stream&mode=updinfo&song={Uri.EscapeDataString(song)}");
        response.EnsureSuccessStatusCode();
    }
}
