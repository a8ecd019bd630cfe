using System.Collections.Frozen;

namespace Cycast.Node.ListenerAuth;

/// <summary>
/// An htpasswd file of <c>user:hash</c> lines, read as Icecast reads it: blank lines and <c>#</c> comments skipped, the
/// user name is everything before the last colon. It is looked at when a listener asks, as Icecast does: a file whose
/// modification time or size has changed since is read again, so a user added is let in at the next request, with no
/// watcher or timer running meanwhile. A file that has gone lets nobody in until it is back.
/// </summary>
public sealed class HtpasswdFile(string path, ILogger log)
{
    private readonly Lock _gate = new();
    private (DateTime Modified, long Length)? _stamp;
    private FrozenDictionary<string, string> _users = FrozenDictionary<string, string>.Empty;

    public string Path => path;

    public bool Admits(ListenerCredentials credentials) =>
        Users().TryGetValue(credentials.User, out var hash) && PasswordHash.Matches(hash, credentials.Password);

    private FrozenDictionary<string, string> Users()
    {
        var file = new FileInfo(path);
        (DateTime, long)? stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
        lock (_gate)
        {
            if (stamp == _stamp)
                return _users;
            _stamp = stamp;
            if (stamp is null)
                log.LogWarning("The htpasswd file {File} is gone: listeners of its mounts are refused until it is back", path);
            _users = stamp is null ? FrozenDictionary<string, string>.Empty : Read();
            return _users;
        }
    }

    private FrozenDictionary<string, string> Read()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Read again at the next request: the stamp is forgotten, so a passing problem does not last.
            _stamp = null;
            log.LogWarning("Cannot read the htpasswd file {File}: {Error}; listeners of its mounts are refused", path, error.Message);
            return FrozenDictionary<string, string>.Empty;
        }
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0 || line[0] == '#')
                continue;
            var separator = line.LastIndexOf(':');
            var hash = separator < 0 ? "" : line[(separator + 1)..].Trim();
            if (separator < 0 || !PasswordHash.IsSupported(hash))
            {
                log.LogWarning("{File}:{Line}: skipped, not user:hash with a bcrypt or Icecast (hex MD5) hash", path, number);
                continue;
            }
            users.TryAdd(line[..separator], hash);
        }
        log.LogInformation("Read the htpasswd file {File}: {Users} users", path, users.Count);
        return users.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
