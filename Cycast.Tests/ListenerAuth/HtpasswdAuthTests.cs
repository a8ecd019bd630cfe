using System.Security.Cryptography;
using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.ListenerAuth;

/// <summary>
/// A mount with <c>auth { type = "htpasswd" }</c>, driven by curl and ffmpeg as players: right credentials play, wrong or
/// missing ones get Icecast's 401 with its realm, for a bcrypt user and an Icecast (hex MD5) user alike.
/// </summary>
public sealed class HtpasswdAuthTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cycast-{Guid.NewGuid():N}.htpasswd");
    private TestStation _station = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_file, $"# listeners\nalice:{BCrypt.Net.BCrypt.HashPassword("wonderland", 4)}\nbob:{IcecastHash("builder")}\n");
        _station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""

                mount "/live" {
                  auth {
                    type = "htpasswd"
                    filename = "{{_file}}"
                  }
                }
                """,
        });
    }

    public async Task DisposeAsync()
    {
        await _station.DisposeAsync();
        File.Delete(_file);
    }

    /// <summary>What Icecast's admin page writes for a user: the password's MD5 as lower-case hex.</summary>
    private static string IcecastHash(string password) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>curl as a player: the status it got, and the head when asked for (-D -), giving up on the stream after a second.</summary>
    private async Task<string> CurlAsync(params string[] arguments)
    {
        var curl = ExternalProgram.Start("curl", [.. arguments, "-s", "-o", "/dev/null", "-m", "1", "-w", "%{http_code}", _station.Url("/live").ToString()]);
        var (_, status, _) = await curl.ExitAsync();
        return status;
    }

    [FactWhenInstalled("/usr/bin/curl", "curl")]
    public async Task Right_wrong_and_missing_credentials_get_200_401_and_401_for_bcrypt_and_icecast_users()
    {
        Assert.Equal("401", await CurlAsync());
        Assert.Equal("200", await CurlAsync("-u", "alice:wonderland"));
        Assert.Equal("401", await CurlAsync("-u", "alice:looking-glass"));
        Assert.Equal("200", await CurlAsync("-u", "bob:builder"));
        Assert.Equal("401", await CurlAsync("-u", "bob:wonderland"));
        Assert.Equal("401", await CurlAsync("-u", "mallory:wonderland"));
        // The other mounts have no auth block: everyone plays them.
        var open = ExternalProgram.Start("curl", "-s", "-o", "/dev/null", "-m", "1", "-w", "%{http_code}", _station.Url("/stream").ToString());
        Assert.Equal("200", (await open.ExitAsync()).Stdout);
    }

    [Fact]
    public async Task A_refusal_is_icecasts_401_with_its_realm()
    {
        var (client, head) = await TestListener.ConnectAsync(_station, "/live");
        await using var _ = client;
        Assert.StartsWith("HTTP/1.0 401 Authentication Required\r\n", head);
        Assert.Contains("\r\nWWW-Authenticate: Basic realm=\"Icecast2 Server\"\r\n", head);
        Assert.Equal("You need to authenticate\r\n", Encoding.UTF8.GetString(await client.ReadToEndAsync()));
    }

    [FactWhenInstalled("/usr/bin/ffmpeg", "ffmpeg")]
    public async Task Ffmpeg_with_credentials_in_the_url_decodes_the_mount_and_without_them_is_refused()
    {
        var url = $"http://alice:wonderland@127.0.0.1:{_station.ListenPort}/live";
        Assert.Equal((0, "", ""), await ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {url} -t 2 -f null -").ExitAsync());
        var refused = await ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {_station.Url("/live")} -t 2 -f null -").ExitAsync();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("401", refused.Stderr);
    }

    [FactWhenInstalled("/usr/bin/curl", "curl")]
    public async Task A_user_added_to_the_file_is_let_in_at_the_next_request_and_one_removed_is_not()
    {
        Assert.Equal("401", await CurlAsync("-u", "carol:christmas"));
        await File.AppendAllTextAsync(_file, $"carol:{IcecastHash("christmas")}\n");
        Assert.Equal("200", await CurlAsync("-u", "carol:christmas"));
        await File.WriteAllTextAsync(_file, $"carol:{IcecastHash("christmas")}\n");
        Assert.Equal("401", await CurlAsync("-u", "alice:wonderland"));
        Assert.Contains(_station.Logs.Lines, line => line.Contains($"Read the htpasswd file {_file}: 1 users", StringComparison.Ordinal));
    }

    [FactWhenInstalled("/usr/bin/htpasswd", "apache2-utils")]
    public async Task A_user_added_with_apaches_htpasswd_tool_plays()
    {
        var (code, _, error) = await ExternalProgram.Start("htpasswd", "-B", "-b", _file, "dave", "diamond").ExitAsync();
        Assert.True(code == 0, error);
        Assert.StartsWith("dave:$2y$", File.ReadLines(_file).Last());
        Assert.Equal("200", await CurlAsync("-u", "dave:diamond"));
        Assert.Equal("401", await CurlAsync("-u", "dave:emerald"));
    }

    [FactWhenInstalled("/usr/bin/curl", "curl")]
    public async Task A_token_in_the_url_is_checked_as_the_same_credentials_with_head_and_icy_metadata_too()
    {
        Assert.Equal("200", await CurlAsync("-G", "--data-urlencode", "token=alice:wonderland"));
        Assert.Equal("401", await CurlAsync("-G", "--data-urlencode", "token=alice:nope"));
        Assert.Equal("200", await CurlAsync("-I", "-u", "bob:builder"));
        Assert.Equal("401", await CurlAsync("-I"));
        Assert.Equal("200", await CurlAsync("-H", "Icy-MetaData: 1", "-u", "bob:builder"));
        Assert.Equal("401", await CurlAsync("-H", "Icy-MetaData: 1"));
    }

    [Fact]
    public async Task Status_pages_and_the_log_do_not_show_a_listeners_password_or_token()
    {
        var (client, head) = await TestListener.ConnectAsync(_station, "/live?token=alice:wonderland");
        await using var _ = client;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await _station.WhenListenersAsync("/live", 1);
        using var http = new HttpClient();
        foreach (var page in new[] { "/status-json.xsl", "/api/status", "/status.xsl", "/api/stats" })
        {
            using var reply = await http.GetAsync(_station.Url(page));
            Assert.DoesNotContain("wonderland", await reply.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain(_station.Logs.Lines, line => line.Contains("wonderland", StringComparison.Ordinal));
    }

    [FactWhenInstalled("/usr/bin/ffmpeg", "ffmpeg")]
    public async Task A_playlist_asked_for_with_a_token_or_icecasts_login_playlist_gives_a_url_that_plays()
    {
        using var http = new HttpClient();
        var tokenUrl = (await http.GetStringAsync(_station.Url("/live.m3u?token=alice%3Awonderland"))).Trim();
        Assert.Equal($"http://127.0.0.1:{_station.ListenPort}/live?token=alice%3Awonderland", tokenUrl);
        // A mount without auth: the playlist is Icecast's, whatever the query.
        Assert.Equal($"http://127.0.0.1:{_station.ListenPort}/stream\r\n", await http.GetStringAsync(_station.Url("/stream.m3u?token=x")));

        using var login = await http.GetAsync(_station.Url("/admin/buildm3u?username=alice&password=wonderland&mount=/live"));
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        var loginUrl = (await login.Content.ReadAsStringAsync()).Trim();
        Assert.Equal($"http://alice:wonderland@127.0.0.1:{_station.ListenPort}/live", loginUrl);

        foreach (var url in new[] { tokenUrl, loginUrl })
            Assert.Equal((0, "", ""), await ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {url} -t 1 -f null -").ExitAsync());
    }
}
