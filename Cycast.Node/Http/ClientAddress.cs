using System.Net;
using Cycast.Shared.Config;

namespace Cycast.Node.Http;

/// <summary>
/// The address a request really comes from. Behind a proxy every peer is the proxy, so its <c>X-Forwarded-For</c> or
/// <c>X-Real-IP</c> is believed, but only from a peer in <c>admin.trusted_proxies</c>: from anyone else those headers
/// are whatever the client chose to write.
/// </summary>
public sealed class ClientAddress(LiveSettings live)
{
    public IPAddress Of(HttpContext http) => Of(http.Connection.RemoteIpAddress, name => http.Request.Headers[name]);

    public IPAddress Of(IPAddress? peer, Func<string, string?> header)
    {
        var address = Normalized(peer ?? IPAddress.None);
        if (live.Current.Admin is not { } admin || !admin.Trusts(address))
            return address;
        // Each proxy appends the address it got the request from: walking from the right, the first address that is
        // not one of ours is the client (anything left of it, the client may have made up).
        if (header("X-Forwarded-For") is { } forwarded)
        {
            foreach (var hop in forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                if (!IPAddress.TryParse(hop, out var hopAddress))
                    return address;
                address = Normalized(hopAddress);
                if (!admin.Trusts(address))
                    return address;
            }
            return address;
        }
        return IPAddress.TryParse(header("X-Real-IP")?.Trim(), out var real) ? Normalized(real) : address;
    }

    /// <summary>Whether <paramref name="peer"/> is in <c>admin.trusted_proxies</c>, so what it says about its client is believed.</summary>
    public bool IsTrustedProxy(IPAddress? peer) => peer is not null && live.Current.Admin is { } admin && admin.Trusts(Normalized(peer));

    /// <summary>An IPv4 client reached over a dual-stack socket, written as the IPv4 address it is.</summary>
    public static IPAddress Normalized(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
