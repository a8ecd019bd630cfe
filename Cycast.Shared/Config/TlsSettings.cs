using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cycast.Shared.Config;

/// <summary>
/// The Cycast extension block <c>tls { }</c>: HTTPS on the node itself, for a web player on an HTTPS page (a browser
/// will not play an <c>http://</c> stream there). Without the block the node speaks plain HTTP only.
/// </summary>
/// <param name="Certificate"><c>certificate</c>: PEM file with the server certificate (and its chain), e.g. certbot's fullchain.pem (required).</param>
/// <param name="Key"><c>key</c>: PEM file with the certificate's private key, e.g. certbot's privkey.pem (required).</param>
/// <param name="HttpsPort"><c>https_port</c>: port serving over HTTPS what <c>listen_port</c> serves (default 8443).</param>
/// <param name="SourceHttpsPort"><c>source_https_port</c>: port taking encoders over TLS, as <c>source_port</c> does in the clear (default 0: none).</param>
/// <param name="Hsts"><c>hsts</c>: send Strict-Transport-Security on HTTPS replies (default false: a browser would then refuse the plain port for a year).</param>
public sealed record TlsSettings(string Certificate, string Key, int HttpsPort, int SourceHttpsPort, bool Hsts)
{
    /// <summary>The certificate and key as a pair a server can present, or why not: which file, and what is wrong with it.</summary>
    public static X509Certificate2? Load(string certificate, string key, out string? problem, out bool keyAtFault)
    {
        problem = null;
        keyAtFault = false;
        string certificateText, keyText;
        try
        {
            certificateText = File.ReadAllText(certificate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {certificate}: {e.Message}";
            return null;
        }
        try
        {
            keyText = File.ReadAllText(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (problem, keyAtFault) = ($"cannot read {key}: {e.Message}", true);
            return null;
        }
        if (!certificateText.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            problem = $"{certificate} holds no PEM certificate";
            return null;
        }
        try
        {
            return X509Certificate2.CreateFromPem(certificateText, keyText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            (problem, keyAtFault) = ($"{key} is not the private key of the certificate in {certificate} ({e.Message})", true);
            return null;
        }
    }
}
