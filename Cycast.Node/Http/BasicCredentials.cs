using System.Security.Cryptography;
using System.Text;

namespace Cycast.Node.Http;

/// <summary>HTTP Basic credentials, as every Icecast source client sends them (user <c>source</c>).</summary>
public readonly record struct BasicCredentials(string User, string Password)
{
    public static bool TryParse(string? authorization, out BasicCredentials credentials)
    {
        credentials = default;
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        Span<byte> decoded = stackalloc byte[authorization.Length];
        if (!Convert.TryFromBase64String(authorization[scheme.Length..].Trim(), decoded, out var length))
            return false;
        var pair = Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':');
        if (colon < 0)
            return false;
        credentials = new BasicCredentials(pair[..colon], pair[(colon + 1)..]);
        return true;
    }

    /// <summary>Constant-time, so a remote guesser learns nothing from response timing.</summary>
    public bool Matches(string user, string password) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(User), Encoding.UTF8.GetBytes(user)) &
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(password));
}
