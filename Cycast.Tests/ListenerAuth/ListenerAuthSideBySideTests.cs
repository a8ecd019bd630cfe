using System.Security;
using System.Security.Cryptography;
using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.ListenerAuth;

/// <summary>
/// icecast2 2.4.4 and Cycast configured alike (an htpasswd mount, a url mount against the same backend), sent the same
/// players' requests: the same answers, and the same fields posted to the backend.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class ListenerAuthSideBySideTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cycast-auth-{Guid.NewGuid():N}");
    private AuthBackend _backend = null!;
    private RunningIcecast _icecast = null!;
    private TestStation _cycast = null!;
    private readonly List<RawClient> _clients = [];

    private const string AuthVerdictWords = "You need to authenticate";

    private string Htpasswd => Path.Combine(_directory, "listeners.htpasswd");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        // icecast2 (as root) reads the file as nobody.
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        // Icecast's own hash, the one both servers read.
        await File.WriteAllTextAsync(Htpasswd, $"bob:{Convert.ToHexStringLower(MD5.HashData("builder"u8))}\n");
        _backend = await AuthBackend.StartAsync();
        _icecast = await RunningIcecast.StartAsync($"""
            <mount type="normal">
              <mount-name>/live</mount-name>
              <authentication type="htpasswd">
                <option name="filename" value="{SecurityElement.Escape(Htpasswd)}"/>
                <option name="allow_duplicate_users" value="1"/>
              </authentication>
            </mount>
            <mount type="normal">
              <mount-name>/paid</mount-name>
              <authentication type="url">
                <option name="listener_add" value="{_backend.Url("/add")}"/>
                <option name="listener_remove" value="{_backend.Url("/remove")}"/>
              </authentication>
            </mount>
            """);
        _cycast = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""
                mount "/live" {
                  auth {
                    type = "htpasswd"
                    filename = "{{Htpasswd}}"
                  }
                }
                mount "/paid" {
                  auth {
                    type = "url"
                    listener_add = "{{_backend.Url("/add")}}"
                    listener_remove = "{{_backend.Url("/remove")}}"
                  }
                }
                """,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        await _cycast.DisposeAsync();
        await _icecast.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task LiveAsync(int sourcePort, string mount, bool cycast)
    {
        var live = cycast ? _cycast.WhenSourceAsync(mount, live: true) : Task.CompletedTask;
        var (encoder, reply) = await TestEncoder.SourceAsync(sourcePort, mount);
        _clients.Add(encoder);
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        await live;
        await encoder.SendAsync(Mp3Frames.Make(20));
    }

    /// <summary>A player's request: the status line, the realm it was given if any, and, for a refusal, the body.</summary>
    private async Task<string> AskAsync(int port, string mount, string? credentials)
    {
        var (client, head) = await TestListener.ConnectAsync(port, mount, icy: true, extraHeaders: TestListener.Login(credentials));
        _clients.Add(client);
        var lines = head.Split("\r\n");
        var realm = lines.FirstOrDefault(line => line.StartsWith("WWW-Authenticate:", StringComparison.Ordinal)) ?? "(no realm)";
        var body = lines[0].Contains(" 200 ", StringComparison.Ordinal) ? "" : Encoding.UTF8.GetString(await client.ReadToEndAsync());
        return $"{lines[0]} | {realm} | {body}";
    }

    [Fact]
    public async Task Both_answer_players_of_an_htpasswd_mount_alike()
    {
        var answers = new List<string>();
        foreach (var (source, listen, cycast) in new[] { (_icecast.Port, _icecast.Port, false), (_cycast.SourcePort, _cycast.ListenPort, true) })
        {
            await LiveAsync(source, "/live", cycast);
            answers.Add(string.Join("\n",
                await AskAsync(listen, "/live", null),
                await AskAsync(listen, "/live", "bob:wrong"),
                await AskAsync(listen, "/live", "nobody:builder"),
                await AskAsync(listen, "/live", "bob:builder")));
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("HTTP/1.0 401 Authentication Required | WWW-Authenticate: Basic realm=\"Icecast2 Server\" | You need to authenticate\r\n", answers[1]);
        Assert.EndsWith("HTTP/1.0 200 OK | (no realm) | ", answers[1]);
    }

    [Fact]
    public async Task Both_post_the_same_fields_to_a_url_backend_and_follow_its_yes_and_no()
    {
        var answers = new List<string>();
        var posts = new List<string>();
        foreach (var (source, listen, cycast) in new[] { (_icecast.Port, _icecast.Port, false), (_cycast.SourcePort, _cycast.ListenPort, true) })
        {
            await LiveAsync(source, "/paid", cycast);
            answers.Add(await AskAsync(listen, "/paid", "no:secret"));
            var refused = await _backend.NextAsync("listener_add");
            answers.Add(await AskAsync(listen, "/paid?token=t1", "yes:secret"));
            var admitted = await _backend.NextAsync("listener_add");
            await _clients[^1].DisposeAsync();
            var removed = await _backend.NextAsync("listener_remove");
            posts.Add(string.Join("\n", new[] { refused, admitted, removed }.Select(fields =>
                string.Join("&", fields.Select(field => field.Key is "server" or "port" or "client" or "duration" ? field.Key : $"{field.Key}={field.Value}")))));
        }
        Assert.Equal(posts[0], posts[1]);
        // One difference, on purpose: icecast2 only logs the backend's Icecast-Auth-Message, Cycast also tells the player.
        Assert.Equal([answers[0], answers[1]], [answers[2].Replace(AuthBackend.Refusal, AuthVerdictWords), answers[3]]);
        Assert.EndsWith($"| {AuthBackend.Refusal}\r\n", answers[2]);
        Assert.StartsWith("HTTP/1.0 200 OK", answers[3]);
    }
}
