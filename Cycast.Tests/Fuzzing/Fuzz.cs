using System.Diagnostics;
using CsCheck;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// Runs a parser property over generated inputs with CsCheck, and adds the two failures a property cannot see by
/// itself: an input the parser never finishes (a watchdog names it), and one that makes it allocate far more than its
/// size (<see cref="AssertAllocatesAtMost"/>). The suite runs a short run; <c>CYCAST_FUZZ_ITERATIONS</c> sets a longer one.
/// </summary>
internal static class Fuzz
{
    public const string IterationsVariable = "CYCAST_FUZZ_ITERATIONS";

    /// <summary>Long enough for any honest input on a loaded two-core machine; a parser stuck this long loops.</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    /// <summary>Inputs per target: a few hundred in the suite, so a regression fails CI without slowing it.</summary>
    public static long Iterations(long shortRun = 500) =>
        long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var iterations) && iterations > 0 ? iterations : shortRun;

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="iterations"/> inputs. A failing input is shrunk by CsCheck
    /// and reported with its seed (rerun with <c>CsCheck_Seed</c>); an input still running after
    /// <see cref="StuckAfter"/> fails the test, printed.
    /// </summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, Func<T, string> print, long iterations)
    {
        var current = new InFlight<T>();
        var run = Task.Factory.StartNew(() => gen.Sample(input =>
        {
            current.Start(input);
            property(input);
            current.Finish();
        }, iter: iterations, threads: 1, print: print), TaskCreationOptions.LongRunning);

        while (!run.Wait(TimeSpan.FromMilliseconds(250)))
        {
            if (current.RunningFor() is { } running && running > StuckAfter)
                Assert.Fail($"the parser has not finished after {running.TotalSeconds:0} s on this input:\n{print(current.Input!)}");
        }
        run.GetAwaiter().GetResult();
    }

    /// <summary>Fails when <paramref name="parse"/> allocates more than <paramref name="limit"/> bytes on this thread.</summary>
    public static void AssertAllocatesAtMost(long limit, Action parse)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        parse();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= limit, $"allocated {allocated} bytes, more than the {limit} this input may cost");
    }

    public static string Hex(byte[] bytes) => bytes.Length <= 4096
        ? $"{bytes.Length} bytes: {Convert.ToHexString(bytes)}"
        : $"{bytes.Length} bytes, starting {Convert.ToHexString(bytes, 0, 4096)}";

    /// <summary>The input the property is working on, and since when; the sampling thread writes it, the watchdog reads it.</summary>
    private sealed class InFlight<T>
    {
        private readonly Lock _lock = new();
        private T? _input;
        private long _startedAt;

        public T? Input
        {
            get
            {
                lock (_lock)
                    return _input;
            }
        }

        public void Start(T input)
        {
            lock (_lock)
                (_input, _startedAt) = (input, Stopwatch.GetTimestamp());
        }

        public void Finish()
        {
            lock (_lock)
                _startedAt = 0;
        }

        public TimeSpan? RunningFor()
        {
            lock (_lock)
                return _startedAt == 0 ? null : Stopwatch.GetElapsedTime(_startedAt);
        }
    }
}
