using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cycast.Tests.Support;

/// <summary>
/// A small real HTTP backend for Icecast's URL listener authentication, on a free loopback port: it records every POST
/// as sent, and answers by the listener's user name: <c>yes</c> admits (<c>icecast-auth-user: 1</c>), <c>slow</c> never
/// answers while the test runs, anyone else is refused with an <c>Icecast-Auth-Message</c>.
/// </summary>
public sealed class AuthBackend : IAsyncDisposable
{
    public const string Refusal = "no such subscriber";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AuthBackend(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Every POST body, raw, as it arrived, in order.</summary>
    public Channel<string> Posts { get; } = Channel.CreateUnbounded<string>();

    public static async Task<AuthBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var backend = new AuthBackend(app, port);
        app.MapPost("/{action}", backend.AnswerAsync);
        await app.StartAsync();
        return backend;
    }

    /// <summary>The fields of a POST body, names and decoded values in the order sent.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(string body) =>
        [.. body.Split('&').Select(pair => pair.Split('=', 2)).Select(pair => (pair[0], Uri.UnescapeDataString(pair[1].Replace('+', ' '))))];

    /// <summary>The next POST whose action is <paramref name="action"/>, as its fields.</summary>
    public async Task<Dictionary<string, string>> NextAsync(string action)
    {
        while (true)
        {
            var fields = Fields(await Posts.Reader.ReadAsync().AsTask().WaitAsync(MountEvents.Patience));
            if (fields[0] == ("action", action))
                return fields.ToDictionary(field => field.Name, field => field.Value);
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        await Posts.Writer.WriteAsync(body);
        var fields = Fields(body);
        var user = fields.FirstOrDefault(field => field.Name == "user").Value;
        if (user == "slow")
            await _stopping.Task;
        else if (user == "yes" || fields[0].Value == "listener_remove")
            http.Response.Headers["icecast-auth-user"] = "1";
        else
            http.Response.Headers["Icecast-Auth-Message"] = Refusal;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
