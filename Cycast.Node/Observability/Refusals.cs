using System.Collections.Concurrent;
using System.Net;
using Cycast.Node.Http;
using Cycast.Shared.Protocol;

namespace Cycast.Node.Observability;

/// <summary>
/// Every refused or timed-out connection and request (bad heads, slow heads, wrong passwords, 403s, cluster peers that
/// fail the TLS handshake) is counted in
/// <c>cycast_connections_refused_total{reason}</c>, but logged at most once a minute per client address and reason,
/// with how many like it went unlogged: a flood from one address costs the log a line a minute, not a line a request,
/// while a new kind of trouble from the same address still shows at once.
/// </summary>
public sealed class Refusals(NodeMetrics metrics, TimeProvider clock, ILogger<Refusals> log)
{
    public const string MalformedHead = "malformed_head", HeadTooLarge = "head_too_large", HeaderTimeout = "header_timeout",
        IncompleteHead = "incomplete_head", NoCredentials = "no_credentials", WrongPassword = "wrong_password",
        TooManyGuesses = "too_many_guesses", Forbidden = "forbidden", BadRequest = "bad_request",
        UnsupportedMediaType = "unsupported_media_type", ClusterHandshake = "cluster_handshake";

    /// <summary>Every label <c>cycast_connections_refused_total</c> can carry.</summary>
    public static readonly string[] Reasons =
        [MalformedHead, HeadTooLarge, HeaderTimeout, IncompleteHead, NoCredentials, WrongPassword, TooManyGuesses, Forbidden, BadRequest,
         UnsupportedMediaType, ClusterHandshake];

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Past this many (address, reason) pairs, those whose minute has passed are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(IPAddress, string), LogWindow> _windows = new();

    /// <summary>
    /// Counts one refusal and logs <paramref name="message"/> unless one like it from <paramref name="address"/> was
    /// logged within the minute. Whatever the message quotes from the request must have gone through <see cref="LogText"/>.
    /// <paramref name="counted"/> false: the refusal is counted where it ends (one refused TLS handshake is both a
    /// certificate turned down, which says why, and then Akka's report of the failed handshake, which counts it).
    /// </summary>
    public void Refused(string reason, IPAddress? address, string message, LogLevel level = LogLevel.Warning, bool counted = true)
    {
        if (counted)
            metrics.ConnectionRefused(reason);
        if (!log.IsEnabled(level))
            return;
        var now = clock.GetUtcNow();
        if (_windows.Count > PruneAbove)
        {
            foreach (var (stale, _) in _windows.Where(entry => now - entry.Value.Since >= Window))
                _windows.TryRemove(stale, out _);
        }
        // An IPv4 peer seen through a dual-stack socket is the same peer.
        var key = (ClientAddress.Normalized(address ?? IPAddress.None), reason);
        var unlogged = _windows.GetOrAdd(key, _ => new LogWindow()).Open(now);
        if (unlogged is null)
            return;
        log.Log(level, "{Refusal}{Unlogged}", message,
            unlogged > 0 ? $" ({unlogged} more like it from {key.Item1} in the minute before were not logged)" : "");
    }

    /// <summary>
    /// A refused password, the same for encoders, title updates and the admin. libshout tries without credentials
    /// first and sends them only once told to, at every connect and title update: a request with no credentials is that
    /// routine step (debug); a wrong password, or an address made to wait for giving too many, is worth an operator's look.
    /// </summary>
    public void Credentials(CredentialVerdict verdict, string what, string? mount, IPAddress address, string peer, string? authorization)
    {
        var (reason, problem) = verdict == CredentialVerdict.Waiting
            ? (TooManyGuesses, "too many wrong passwords (wrong_password_limit), it waits out the minute")
            : authorization is null ? (NoCredentials, "no credentials") : (WrongPassword, "wrong user or password");
        var forMount = mount is null ? "" : $" for {LogText.Of(mount)}";
        Refused(reason, address, $"Refused {LogText.Of(what)}{forMount} from {peer}: {problem}",
            reason == NoCredentials ? LogLevel.Debug : LogLevel.Warning);
    }

    /// <summary>When refusals from one address for one reason were last logged, and how many have gone unlogged since.</summary>
    private sealed class LogWindow
    {
        private readonly Lock _gate = new();
        private int _unlogged;

        public DateTimeOffset Since { get; private set; } = DateTimeOffset.MinValue;

        /// <summary>Null while the minute since the last logged one runs; else how many went unlogged, starting a new minute.</summary>
        public int? Open(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now - Since < Window)
                {
                    _unlogged++;
                    return null;
                }
                var unlogged = _unlogged;
                (Since, _unlogged) = (now, 0);
                return unlogged;
            }
        }
    }
}
