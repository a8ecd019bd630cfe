using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>The cluster's door: nodes that share cluster.secret form the cluster; a node or a peer without it gets nowhere.</summary>
public sealed class ClusterSecretTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Only_nodes_holding_the_secret_join_and_a_stranger_is_refused_with_its_address_logged()
    {
        var seedPort = FreePort.Next();
        await using var first = ClusterNode.Start(new StationOptions(), seedPort, [seedPort]);
        await using var second = ClusterNode.Start(new StationOptions(), FreePort.Next(), [seedPort]);
        // The impostor is watched too: had it got in, it would have run mounts of its own beside the cluster's.
        ClusterNode? impostorNode = null;
        await using var writers = OneWriterChecker.Watch(() => impostorNode is null ? [first, second] : [first, second, impostorNode]);
        await first.WhenServingAsync(Patience);
        await second.WhenServingAsync(Patience);
        await TestCluster.WaitUntilUpAsync([first, second]);

        // A node with another secret never joins. Each side of the handshake judges the other's certificate: whichever
        // refuses first logs it, and the other side's handshake just fails (the impostor then exits).
        await using var impostor = impostorNode = ClusterNode.Start(new StationOptions(), FreePort.Next(), [seedPort], secret: "not-the-cluster-secret-at-all");
        var impostorRefused = impostor.WaitForLogAsync("Refused a cluster connection from", Patience);
        var seedRefused = first.WaitForLogAsync("Refused a cluster connection from", Patience);
        var firstRefusal = await Task.WhenAny(impostorRefused, seedRefused);
        await (firstRefusal.IsCompletedSuccessfully ? firstRefusal : firstRefusal == impostorRefused ? seedRefused : impostorRefused);

        // A peer that speaks TLS, shows a certificate of its own and trusts anything: the seed refuses it, and counts it.
        var refusedBefore = await HandshakeRefusalsAsync(first);
        using var stranger = new TcpClient();
        await stranger.ConnectAsync("127.0.0.1", seedPort);
        await using (var tls = new SslStream(stranger.GetStream(), leaveInnerStreamOpen: false))
        {
            using var key = ECDsa.Create();
            using var certificate = new CertificateRequest("CN=stranger", key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            using var usable = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            // Under TLS 1.3 the client may finish its side before the server has judged its certificate: the refusal
            // then comes as the connection's end.
            var refused = false;
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "cycast",
                    ClientCertificates = [usable],
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                });
                refused = await tls.ReadAsync(new byte[1]) == 0;
            }
            catch (Exception error) when (error is AuthenticationException or IOException)
            {
                refused = true;
            }
            Assert.True(refused, "the seed went on talking to a peer without the secret");
        }
        await first.WaitUntilAsync(async () => await HandshakeRefusalsAsync(first) > refusedBefore, Patience);
        // Every refusal is counted, but logged once a minute per address: the impostor and the stranger, both from
        // 127.0.0.1 within the minute, make one line at most on each node.
        var refusalLines = first.Process.StandardOutput.Split('\n').Where(line => line.Contains("Refused a cluster connection from")).ToArray();
        Assert.True(refusalLines.Length <= 1, string.Join('\n', refusalLines));

        // The cluster is the two nodes that hold the secret, as each of them sees it.
        await TestCluster.WaitUntilUpAsync([first, second]);
        await writers.VerifyAsync();
    }

    private static async Task<double> HandshakeRefusalsAsync(ClusterNode node) =>
        (await node.MetricsAsync()).GetValueOrDefault(("cycast_connections_refused_total", "reason=\"cluster_handshake\""));
}
