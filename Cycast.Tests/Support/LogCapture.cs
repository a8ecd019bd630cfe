using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cycast.Tests.Support;

/// <summary>Keeps a node's log lines so tests can check that refusals are logged, and with what.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Completes when a line matching <paramref name="match"/> is logged (or was already).</summary>
    public Task WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_lines.Any(match))
                return Task.CompletedTask;
            _waiters.Add((match, seen));
        }
        return seen.Task.WaitAsync(MountEvents.Patience);
    }

    /// <summary>Completes when <paramref name="count"/> lines matching <paramref name="match"/> have been logged.</summary>
    public Task WaitForCountAsync(Func<string, bool> match, int count)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            var matched = _lines.Count(match);
            if (matched >= count)
                return Task.CompletedTask;
            _waiters.Add((line => match(line) && ++matched >= count, seen));
        }
        return seen.Task.WaitAsync(MountEvents.Patience);
    }

    private void Add(string line)
    {
        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(waiter => waiter.Match(line)).ToArray())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose() { }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
