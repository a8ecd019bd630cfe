using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cycast.Node.Tls;

/// <summary>
/// How nodes that share <c>cluster.secret</c> know each other. Each node makes itself a certificate at start-up, with a
/// key of its own, and signs that key with the secret (an HMAC in an extension of the certificate). Remoting runs over
/// mutual TLS: the handshake proves each side holds the private key of the certificate it shows, and the HMAC proves
/// that whoever made the certificate knew the secret. A peer without it cannot make one that passes, nor use another
/// node's certificate without that node's private key. The secret itself never crosses the network.
/// </summary>
public static class ClusterCertificate
{
    /// <summary>A UUID-based object identifier (ITU-T X.667), ours alone: the extension that holds the HMAC.</summary>
    private const string SecretProofOid = "2.25.231837652163012372915623497531275834017";

    public static X509Certificate2 Issue(string secret, string nodeName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=cycast node {nodeName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509Extension(SecretProofOid, Proof(secret, request.PublicKey), critical: false));
        using var issued = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        // Through PKCS#12 so the private key is one TLS can use, not an ephemeral handle.
        return X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Whether <paramref name="certificate"/> was made by a node that knows <paramref name="secret"/>.</summary>
    public static bool Admits(X509Certificate2? certificate, string secret)
    {
        if (certificate?.Extensions[SecretProofOid] is not { } extension)
            return false;
        return CryptographicOperations.FixedTimeEquals(extension.RawData, Proof(secret, certificate.PublicKey));
    }

    private static byte[] Proof(string secret, PublicKey publicKey) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), publicKey.ExportSubjectPublicKeyInfo());
}
