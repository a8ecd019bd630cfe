using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cycast.Shared.AdminApi;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>The JSON admin API and the admin page on one node: who gets in, and how bad requests are refused.</summary>
public sealed class AdminApiTests
{
    private const string AdminPassword = "letmein";

    private static readonly StationOptions WithAdmin = new() { ExtraBlocks = $$"""admin { password = "{{AdminPassword}}" }""" };

    [Fact]
    public async Task Only_the_admin_user_opens_the_json_admin_api_and_the_admin_page()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        foreach (var path in new[] { AdminApiJson.Cluster, AdminApiJson.Shards, AdminApiJson.Mounts, AdminApiJson.Listeners, "/admin/" })
        {
            using var anonymous = await SendAsync(station, HttpMethod.Get, path, password: null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic realm=\"Icecast2 Server\"", anonymous.Headers.WwwAuthenticate.ToString());
            using var asSource = await SendAsync(station, HttpMethod.Get, path, TestStation.Password, user: "source");
            Assert.Equal(HttpStatusCode.Unauthorized, asSource.StatusCode);
            using var admin = await SendAsync(station, HttpMethod.Get, path, AdminPassword);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
        using var leave = await SendAsync(station, HttpMethod.Post, AdminApiJson.Leave + "?address=akka.tcp://cycast@127.0.0.1:1", password: null);
        Assert.Equal(HttpStatusCode.Unauthorized, leave.StatusCode);
    }

    [Fact]
    public async Task Leave_and_down_refuse_a_malformed_or_unknown_address_and_a_mount_view_an_unknown_mount()
    {
        await using var station = await TestStation.StartAsync(WithAdmin);
        var cases = new (HttpMethod Method, string Path, HttpStatusCode Status, string Error)[]
        {
            (HttpMethod.Post, AdminApiJson.Leave + "?address=nonsense", HttpStatusCode.BadRequest, "not a member address: 'nonsense'"),
            (HttpMethod.Post, AdminApiJson.Down + "?address=akka.tcp://cycast@127.0.0.1:1", HttpStatusCode.NotFound, "no member akka.tcp://cycast@127.0.0.1:1"),
            (HttpMethod.Get, AdminApiJson.Mount + "?mount=/nope", HttpStatusCode.NotFound, "no mount /nope"),
            (HttpMethod.Get, AdminApiJson.Listeners + "?mount=/nope", HttpStatusCode.NotFound, "no mount /nope"),
        };
        foreach (var (method, path, status, error) in cases)
        {
            using var response = await SendAsync(station, method, path, AdminPassword);
            Assert.Equal(status, response.StatusCode);
            Assert.StartsWith(error, JsonSerializer.Deserialize<AdminError>(await response.Content.ReadAsStringAsync(), AdminApiJson.Options)!.Error);
        }
        // The node itself is still Up: nothing was asked of Akka.
        using var cluster = await SendAsync(station, HttpMethod.Get, AdminApiJson.Cluster, AdminPassword);
        var view = JsonSerializer.Deserialize<ClusterView>(await cluster.Content.ReadAsStringAsync(), AdminApiJson.Options)!;
        Assert.Equal("Up", Assert.Single(view.Members).Status);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestStation station, HttpMethod method, string path, string? password, string user = "admin")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, station.Url(path));
        if (password is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await http.SendAsync(request);
    }
}
