using System.Diagnostics.CodeAnalysis;

namespace Cycast.Shared.Config;

/// <summary>What a key naming another server's address must hold: an absolute http:// or https:// URL with a host.</summary>
internal static class HttpUrl
{
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    public static bool IsValid(string text) => TryParse(text, out _);
}
