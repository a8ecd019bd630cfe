using System.Net;
using System.Security.Authentication;
using Cycast.Node.Observability;

namespace Cycast.Tests.Cluster;

/// <summary>Akka's own words for a failed TLS handshake on the remoting port, as Akka.Remote 1.5 writes them.</summary>
public sealed class ClusterHandshakeFailuresTests
{
    [Fact]
    public void The_rejection_warning_names_the_peer_as_ipv4()
    {
        var peer = ClusterHandshakeFailures.RejectedPeer(
            "Rejected incoming connection from [[::ffff:127.0.0.1]:42538] due to TLS handshake failure. This is likely invalid or malicious traffic.");

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 42538), peer);
    }

    [Theory]
    [InlineData("Rejected incoming connection from [nonsense] due to TLS handshake failure.")]
    [InlineData("Rejected incoming connection from [[::ffff:127.0.0.1]:42538]")]
    [InlineData("Association with [akka.ssl.tcp://cycast@127.0.0.1:4053] failed")]
    public void Other_text_names_no_peer(string text) => Assert.Null(ClusterHandshakeFailures.RejectedPeer(text));

    [Fact]
    public void The_two_errors_of_a_failed_handshake_are_its_detail_and_other_channel_errors_are_not()
    {
        Assert.True(ClusterHandshakeFailures.IsDetail("TLS handshake failed on channel [[::ffff:127.0.0.1]:14051->[::ffff:127.0.0.1]:42538](Id=603c6dba)", null));
        Assert.True(ClusterHandshakeFailures.IsDetail("Error caught channel [x](Id=1)", new AuthenticationException("bad certificate")));
        Assert.False(ClusterHandshakeFailures.IsDetail("Error caught channel [x](Id=1)", new IOException("connection reset")));
    }
}
