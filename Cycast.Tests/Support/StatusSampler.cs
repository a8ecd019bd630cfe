using System.Net.Http.Json;
using System.Text.Json;

namespace Cycast.Tests.Support;

/// <summary>
/// Asks a node's <c>/api/status</c> again and again, as a dashboard would, and keeps every source status and title it
/// answered, so a test can say what users saw throughout an operation.
/// </summary>
public sealed class StatusSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Status, string Title)> _answers = new();
    private readonly Task _sampling;

    private StatusSampler(int listenPort) => _sampling = Task.Run(() => SampleAsync(listenPort));

    public static StatusSampler Start(int listenPort) => new(listenPort);

    public IReadOnlyList<(string Status, string Title)> Answers
    {
        get { lock (_answers) return _answers.ToArray(); }
    }

    private async Task SampleAsync(int listenPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await pace.WaitForNextTickAsync(_stop.Token))
            {
                using var status = await http.GetFromJsonAsync<JsonDocument>($"http://127.0.0.1:{listenPort}/api/status", _stop.Token);
                var root = status!.RootElement;
                var title = root.GetProperty("metadata").GetProperty("title").GetString() ?? "";
                lock (_answers)
                    _answers.Add((root.GetProperty("source_status").GetString()!, title));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
