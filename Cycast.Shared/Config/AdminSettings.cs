using System.Net;

namespace Cycast.Shared.Config;

/// <summary>
/// The Cycast extension block <c>admin { }</c>: who may use Icecast's admin endpoints, and which peers' forwarded
/// client addresses are believed. Without the block, only <c>/admin/metadata</c> (with a source password) answers.
/// </summary>
/// <param name="User"><c>user</c>: the admin user name (default "admin").</param>
/// <param name="Password"><c>password</c>: the admin password (required, non-empty).</param>
/// <param name="TrustedProxies"><c>trusted_proxies</c>: addresses and CIDR ranges whose X-Forwarded-For / X-Real-IP are believed.</param>
public sealed record AdminSettings(string User, string Password, IReadOnlyList<IPNetwork> TrustedProxies)
{
    internal const string ProxyRule = "an IP address or a CIDR range such as \"10.0.0.0/8\"";

    /// <summary>Whether <paramref name="peer"/> is one of the trusted proxies.</summary>
    public bool Trusts(IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return TrustedProxies.Any(network => network.Contains(address));
    }

    internal static bool TryParseProxy(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
            return true;
        if (IPAddress.TryParse(text, out var address) && (text.Contains(':') || text.Split('.').Length == 4))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return false;
    }
}
