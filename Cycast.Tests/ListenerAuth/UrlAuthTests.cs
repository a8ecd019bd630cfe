using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.ListenerAuth;

/// <summary>
/// A mount with <c>auth { type = "url" }</c> against a real HTTP backend: Icecast's listener_add and listener_remove
/// POSTs with Icecast's field names, and the backend's yes, no, and silence.
/// </summary>
public sealed class UrlAuthTests : IAsyncLifetime
{
    private static readonly string[] AddFields = ["action", "server", "port", "client", "mount", "user", "pass", "ip", "agent"];
    private static readonly string[] RemoveFields = ["action", "server", "port", "client", "mount", "user", "pass", "duration", "ip", "agent"];

    private AuthBackend _backend = null!;
    private TestStation _station = null!;

    public async Task InitializeAsync()
    {
        _backend = await AuthBackend.StartAsync();
        _station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""

                mount "/live" {
                  auth {
                    type = "url"
                    listener_add = "{{_backend.Url("/add")}}"
                    listener_remove = "{{_backend.Url("/remove")}}"
                    timeout = 2
                  }
                }
                """,
        });
    }

    public async Task DisposeAsync()
    {
        await _station.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private Task<(RawClient Client, string Head)> ListenAsync(string target, string? user = null) =>
        TestListener.ConnectAsync(_station, target, extraHeaders: $"Host: radio.example:{_station.ListenPort}\r\n{TestListener.Login(user is null ? null : $"{user}:secret word")}");

    [Fact]
    public async Task An_admitted_listener_plays_and_its_add_and_remove_carry_icecasts_fields()
    {
        var (client, head) = await ListenAsync("/live?session=x%20y", "yes");
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        Assert.NotEmpty(await client.ReadExactlyAsync(4096));

        var add = await _backend.NextAsync("listener_add");
        Assert.Equal(AddFields, add.Keys);
        Assert.Equal(("radio.example", _station.ListenPort.ToString(), "/live?session=x%20y", "yes", "secret word", "127.0.0.1", "cycast-tests"),
            (add["server"], add["port"], add["mount"], add["user"], add["pass"], add["ip"], add["agent"]));

        await client.DisposeAsync();
        var remove = await _backend.NextAsync("listener_remove");
        Assert.Equal(RemoveFields, remove.Keys);
        Assert.Equal((add["client"], add["mount"], "yes"), (remove["client"], remove["mount"], remove["user"]));
        Assert.True(long.Parse(remove["duration"]) >= 0);
    }

    [Fact]
    public async Task A_refused_listener_gets_401_with_the_backends_message_and_no_remove_is_sent()
    {
        var (client, head) = await ListenAsync("/live", "no");
        await using var _ = client;
        Assert.StartsWith("HTTP/1.0 401 Authentication Required\r\n", head);
        Assert.Contains("\r\nWWW-Authenticate: Basic realm=\"Icecast2 Server\"\r\n", head);
        Assert.Equal(AuthBackend.Refusal + "\r\n", Encoding.UTF8.GetString(await client.ReadToEndAsync()));
        Assert.Equal("no", (await _backend.NextAsync("listener_add"))["user"]);
        await _station.Logs.WaitForAsync(line => line.Contains("Refused listener for /live", StringComparison.Ordinal) && line.Contains(AuthBackend.Refusal, StringComparison.Ordinal));

        // The next POST the backend sees is the next listener's add: nothing was sent for the refused one's leaving.
        var (admitted, _) = await ListenAsync("/live", "yes");
        await using var __ = admitted;
        Assert.Equal("yes", (await _backend.NextAsync("listener_add"))["user"]);
        Assert.False(_backend.Posts.Reader.TryPeek(out var _));
    }

    [Fact]
    public async Task A_backend_that_does_not_answer_refuses_at_the_timeout_while_another_listener_plays()
    {
        var slow = ListenAsync("/live", "slow");
        Assert.Equal("slow", (await _backend.NextAsync("listener_add"))["user"]);

        // The node goes on serving while that listener waits for the backend.
        var (other, head) = await ListenAsync("/live", "yes");
        await using var _ = other;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        Assert.NotEmpty(await other.ReadExactlyAsync(4096));
        var (open, openHead) = await TestListener.ConnectAsync(_station, "/stream");
        await using var __ = open;
        Assert.StartsWith("HTTP/1.0 200 OK", openHead);

        var (client, refused) = await slow;
        await using var ___ = client;
        Assert.StartsWith("HTTP/1.0 401 Authentication Required\r\n", refused);
        await _station.Logs.WaitForAsync(line => line.Contains("did not answer within 2 s (timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_travels_to_the_backend_in_the_mount_field_as_icecast_sends_query_parameters()
    {
        var (client, head) = await ListenAsync("/live?token=abc123");
        await using var _ = client;
        Assert.StartsWith("HTTP/1.0 401", head);
        var add = await _backend.NextAsync("listener_add");
        Assert.Equal(("/live?token=abc123", "", ""), (add["mount"], add["user"], add["pass"]));
    }
}
