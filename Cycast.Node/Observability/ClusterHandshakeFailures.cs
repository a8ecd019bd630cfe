using System.Net;
using System.Security.Authentication;
using Cycast.Node.Http;

namespace Cycast.Node.Observability;

/// <summary>
/// What Akka's TLS transport logs for a peer that fails the handshake on a secured cluster's remoting port (a node with
/// no <c>cluster.secret</c>, which speaks plain TCP, or anything else): per attempt an error with the exception, an error
/// with troubleshooting hints, and a warning naming the peer. A misconfigured node retries its join every few seconds,
/// forever, so the warning becomes a refusal, logged once a minute per address, and the two errors become debug.
/// </summary>
public static class ClusterHandshakeFailures
{
    private const string RejectedPrefix = "Rejected incoming connection from [";
    private const string RejectedSuffix = "] due to TLS handshake failure";

    /// <summary>The peer a "rejected incoming connection" warning names, or null when the text is not one.</summary>
    public static IPEndPoint? RejectedPeer(string text)
    {
        var start = text.IndexOf(RejectedPrefix, StringComparison.Ordinal);
        var end = text.IndexOf(RejectedSuffix, StringComparison.Ordinal);
        if (start < 0 || end < start || !IPEndPoint.TryParse(text[(start + RejectedPrefix.Length)..end], out var peer))
            return null;
        return new IPEndPoint(ClientAddress.Normalized(peer.Address), peer.Port);
    }

    /// <summary>Whether the text is one of the two errors that go with each such rejection.</summary>
    public static bool IsDetail(string text, Exception? cause) =>
        text.StartsWith("TLS handshake failed on channel", StringComparison.Ordinal)
        || (text.StartsWith("Error caught channel", StringComparison.Ordinal) && IsTlsFailure(cause));

    private static bool IsTlsFailure(Exception? cause) =>
        cause is AuthenticationException || cause?.GetType().Namespace == "DotNetty.Handlers.Tls";
}
