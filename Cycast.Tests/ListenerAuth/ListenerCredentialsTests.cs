using System.Text;
using Cycast.Node.Http;
using Cycast.Node.ListenerAuth;

namespace Cycast.Tests.ListenerAuth;

/// <summary>Where a player's login is read from, and that a token's password never reaches the access log.</summary>
public sealed class ListenerCredentialsTests
{
    private static RequestHead Head(string target, string? basic = null) =>
        new("GET", target, "HTTP/1.1", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = basic is null ? "" : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)),
        });

    [Theory]
    [InlineData("/live", "alice:wonder:land", "alice", "wonder:land")]
    [InlineData("/live?token=bob%3Abuilder", null, "bob", "builder")]
    [InlineData("/live?x=1&token=bob:pass:word", null, "bob", "pass:word")]
    [InlineData("/live?token=bob:builder", "alice:wonderland", "alice", "wonderland")]
    public void Basic_wins_and_a_token_is_user_colon_password(string target, string? basic, string user, string password)
    {
        Assert.Equal(new ListenerCredentials(user, password), ListenerCredentials.Of(Head(target, basic)));
    }

    [Theory]
    [InlineData("/live")]
    [InlineData("/live?token=opaque")]
    [InlineData("/live?token=:nouser")]
    public void No_login_without_basic_or_a_user_colon_password_token(string target)
    {
        Assert.Null(ListenerCredentials.Of(Head(target)));
    }

    [Theory]
    [InlineData("GET /live?token=alice:wonderland HTTP/1.1", "GET /live?token=*** HTTP/1.1")]
    [InlineData("GET /live?a=1&token=x&b=2 HTTP/1.0", "GET /live?a=1&token=***&b=2 HTTP/1.0")]
    [InlineData("GET /live?notoken=x HTTP/1.0", "GET /live?notoken=x HTTP/1.0")]
    public void The_access_log_gets_the_request_line_without_the_tokens_value(string line, string logged)
    {
        Assert.Equal(logged, ListenerCredentials.WithoutToken(line));
    }
}
