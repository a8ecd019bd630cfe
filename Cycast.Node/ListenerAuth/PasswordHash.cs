using System.Security.Cryptography;
using System.Text;

namespace Cycast.Node.ListenerAuth;

/// <summary>
/// The hashes an htpasswd file may hold: bcrypt (<c>htpasswd -B</c>: <c>$2y$</c>, <c>$2a$</c>, <c>$2b$</c>), and what
/// Icecast 2.4's own htpasswd auth writes and accepts, the MD5 of the password as 32 lower-case hex digits.
/// </summary>
public static class PasswordHash
{
    public static bool IsSupported(string hash) => IsBcrypt(hash) || IsIcecastMd5(hash);

    public static bool Matches(string hash, string password)
    {
        if (IsBcrypt(hash))
        {
            try
            {
                return BCrypt.Net.BCrypt.Verify(password, hash);
            }
            catch (BCrypt.Net.SaltParseException)
            {
                return false;
            }
        }
        if (!IsIcecastMd5(hash))
            return false;
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(Encoding.UTF8.GetBytes(password), digest);
        // Constant-time, so a remote guesser learns nothing from how long the comparison took.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest)), Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));
    }

    private static bool IsBcrypt(string hash) => hash.Length == 60 && hash.StartsWith("$2", StringComparison.Ordinal);

    private static bool IsIcecastMd5(string hash) => hash.Length == 32 && hash.All(char.IsAsciiHexDigit);
}
