using System.Text;
using System.Threading.Channels;
using Cycast.Shared.Config;

namespace Cycast.Node.Observability;

/// <summary>
/// <c>advanced.access_log</c>: finished listener requests appended to a file, one line each. Connections hand their
/// line over and go on; one writer appends and flushes each line, so a slow disk never holds up a listener, and a
/// line is on disk when the next one is taken. Without the key, nothing is kept.
/// </summary>
public sealed class AccessLog(CycastSettings station, ILogger<AccessLog> log) : IHostedService
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private Task _writing = Task.CompletedTask;

    public bool Enabled => station.Advanced.AccessLog is not null;

    public void Add(string line)
    {
        if (Enabled)
            _lines.Writer.TryWrite(line);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (station.Advanced.AccessLog is not { } path)
            return Task.CompletedTask;
        // Opened now, so a path the node cannot write stops start-up rather than losing every line later.
        var file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false));
        log.LogInformation("Access log: {Path}", Path.GetFullPath(path));
        _writing = WriteAsync(file);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _lines.Writer.TryComplete();
        await _writing.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(StreamWriter file)
    {
        await using (file)
        {
            await foreach (var line in _lines.Reader.ReadAllAsync())
            {
                try
                {
                    await file.WriteLineAsync(line);
                    await file.FlushAsync();
                }
                catch (IOException error)
                {
                    log.LogWarning("Could not write the access log: {Error}", error.Message);
                }
            }
        }
    }
}
