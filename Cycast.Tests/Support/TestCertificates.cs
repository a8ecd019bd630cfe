using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cycast.Tests.Support;

/// <summary>
/// A certificate authority of the test's own, made with openssl as an operator would, and server certificates it signs
/// for 127.0.0.1 and localhost, each with a serial of its own so a test can tell which one a server presented.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public static async Task<TestCertificates> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cycast-tls-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var certificates = new TestCertificates(directory);
        await OpenSslAsync(directory, "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=Cycast-Test-CA");
        await File.WriteAllTextAsync(Path.Combine(directory, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        return certificates;
    }

    /// <summary>Issues a server certificate with <paramref name="serial"/> into <c>NAME.pem</c> and <c>NAME.key</c>; returns the two paths.</summary>
    public async Task<(string Certificate, string Key)> IssueAsync(string name, int serial)
    {
        await OpenSslAsync(Directory, $"req -newkey rsa:2048 -nodes -keyout {name}.key -out {name}.csr -subj /CN=localhost");
        await OpenSslAsync(Directory, $"x509 -req -in {name}.csr -CA ca.pem -CAkey ca.key -set_serial {serial} -days 2 -extfile server.ext -out {name}.pem");
        return (Path.Combine(Directory, $"{name}.pem"), Path.Combine(Directory, $"{name}.key"));
    }

    /// <summary>The serial .NET reports for a certificate issued with <paramref name="serial"/>.</summary>
    public static string SerialOf(int serial) => Convert.ToHexString(System.Numerics.BigInteger.Parse(serial.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToByteArray(isUnsigned: true, isBigEndian: true));

    /// <summary>
    /// An HTTPS connection to 127.0.0.1 that trusts only the test's CA, with the serial of the certificate the server
    /// presented; the handshake fails if the server's certificate does not chain to the CA.
    /// </summary>
    public async Task<(SslStream Stream, string Serial)> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var serial = "";
        var stream = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(CaFile)));
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            CertificateChainPolicy = policy,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                serial = certificate?.GetSerialNumberString() ?? "";
                return errors == SslPolicyErrors.None;
            },
        });
        return (stream, serial);
    }

    /// <summary>A player's request for <paramref name="mount"/> over <paramref name="stream"/>; returns the reply's head.</summary>
    public static async Task<string> GetStreamAsync(SslStream stream, string mount)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {mount} HTTP/1.0\r\nUser-Agent: cycast-tests\r\n\r\n"));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
            head.Append((char)one[0]);
        return head.ToString();
    }

    private static async Task OpenSslAsync(string directory, string arguments)
    {
        var openssl = ExternalProgram.Start("sh", "-c", $"cd '{directory}' && openssl {arguments}");
        var (code, _, stderr) = await openssl.ExitAsync();
        Assert.True(code == 0, $"openssl {arguments}: {stderr}");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
