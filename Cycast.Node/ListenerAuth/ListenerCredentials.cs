using System.Text;
using System.Text.RegularExpressions;
using Cycast.Node.Http;

namespace Cycast.Node.ListenerAuth;

/// <summary>
/// The user and password a player offers for a mount: HTTP Basic credentials, as Icecast reads them, or, for players
/// that cannot send them (a browser's audio element, a link pasted into a phone app), the same pair in the listen URL
/// as <c>?token=user:password</c>. Basic wins when a request has both.
/// </summary>
public readonly partial record struct ListenerCredentials(string User, string Password)
{
    public const string TokenParameter = "token";

    public static ListenerCredentials? Of(RequestHead head)
    {
        if (BasicCredentials.TryParse(head.Header("Authorization"), out var basic))
            return new ListenerCredentials(basic.User, basic.Password);
        // Split at the first colon, as Icecast splits Basic credentials: a user name has none, a password may.
        return Token(head.Target) is { } token && token.IndexOf(':') is > 0 and var colon
            ? new ListenerCredentials(token[..colon], token[(colon + 1)..])
            : null;
    }

    /// <summary>A request line for the log, its token's value (a password) replaced by <c>***</c>.</summary>
    public static string WithoutToken(string requestLine) => TokenValue().Replace(requestLine, "***");

    /// <summary>The <c>token</c> parameter of <paramref name="target"/>'s query, decoded; null when it has none.</summary>
    public static string? Token(string target) =>
        target.IndexOf('?') is >= 0 and var query ? RawQuery.Parse(target[query..]).Text(TokenParameter, Encoding.UTF8) : null;

    [GeneratedRegex(@"(?<=[?&]token=)[^&\s#]+")]
    private static partial Regex TokenValue();
}
