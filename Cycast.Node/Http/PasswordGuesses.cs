using System.Collections.Concurrent;
using System.Net;
using Cycast.Shared.Config;

namespace Cycast.Node.Http;

/// <summary>What a password check came to for one request.</summary>
public enum CredentialVerdict
{
    Allowed,

    /// <summary>No credentials, or wrong ones: 401.</summary>
    Refused,

    /// <summary>The address gave <c>advanced.wrong_password_limit</c> wrong passwords within a minute: 429 until it passes.</summary>
    Waiting,
}

/// <summary>
/// Counts wrong passwords per client address, for encoders, title updates and the admin alike, so guessing costs a
/// minute every <c>advanced.wrong_password_limit</c> tries instead of nothing. A request with no credentials is not a
/// guess: libshout sends one at every connect and title update before it is asked for its password. An address that
/// is waiting is not even checked, so a right password then tells a guesser nothing either.
/// </summary>
public sealed class PasswordGuesses(CycastSettings station, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Past this many addresses, those whose minute has passed are forgotten, so many guessers cost little memory.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Tally> _tallies = new();

    public CredentialVerdict Check(IPAddress address, string? authorization, Func<string?, bool> allow)
    {
        var limit = station.Advanced.WrongPasswordLimit;
        if (limit == 0)
            return allow(authorization) ? CredentialVerdict.Allowed : CredentialVerdict.Refused;
        var now = clock.GetUtcNow();
        if (_tallies.TryGetValue(address, out var known) && known.IsWaiting(now, limit))
            return CredentialVerdict.Waiting;
        if (allow(authorization))
            return CredentialVerdict.Allowed;
        if (authorization is not null)
            Count(address, now);
        return CredentialVerdict.Refused;
    }

    /// <summary>How long until <paramref name="address"/> may try again, for the reply's Retry-After.</summary>
    public TimeSpan WaitLeft(IPAddress address) =>
        _tallies.TryGetValue(address, out var tally) ? tally.Left(clock.GetUtcNow()) : TimeSpan.Zero;

    private void Count(IPAddress address, DateTimeOffset now)
    {
        if (_tallies.Count > PruneAbove)
        {
            foreach (var (stale, _) in _tallies.Where(entry => entry.Value.Left(now) == TimeSpan.Zero))
                _tallies.TryRemove(stale, out _);
        }
        _tallies.GetOrAdd(address, _ => new Tally()).Add(now);
    }

    /// <summary>Wrong passwords since the first of the current minute.</summary>
    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _since;
        private int _wrong;

        public void Add(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now - _since >= Window)
                    (_since, _wrong) = (now, 0);
                _wrong++;
            }
        }

        public bool IsWaiting(DateTimeOffset now, int limit)
        {
            lock (_gate)
                return _wrong >= limit && now - _since < Window;
        }

        public TimeSpan Left(DateTimeOffset now)
        {
            lock (_gate)
                return now - _since < Window ? Window - (now - _since) : TimeSpan.Zero;
        }
    }
}
