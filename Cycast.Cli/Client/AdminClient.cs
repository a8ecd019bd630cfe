using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cycast.Shared.AdminApi;

namespace Cycast.Cli.Client;

/// <summary>
/// One node's admin API over HTTP, as the <c>admin</c> block's user: the JSON admin API for views, Icecast's own admin
/// commands for actions. Every failure becomes a <see cref="CliError"/> that says what happened in one line.
/// </summary>
public sealed partial class AdminClient : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;

    public AdminClient(Uri node, string user, string password)
    {
        Node = node;
        Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        _http = new HttpClient { BaseAddress = node, Timeout = Patience };
        _http.DefaultRequestHeaders.Authorization = Authorization;
    }

    public Uri Node { get; }

    public AuthenticationHeaderValue Authorization { get; }

    /// <summary>The node's <c>/api/live</c> WebSocket.</summary>
    public Uri Live => new UriBuilder(Node) { Scheme = Node.Scheme == "https" ? "wss" : "ws", Path = "/api/live" }.Uri;

    public static string Query(string path, params (string Name, string? Value)[] parameters) =>
        path + string.Concat(parameters.Where(parameter => parameter.Value is not null)
            .Select((parameter, index) => $"{(index == 0 ? '?' : '&')}{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));

    public async Task<T> GetAsync<T>(string path, CancellationToken cancel) => await ReadAsync<T>(await SendAsync(HttpMethod.Get, path, cancel), cancel);

    public async Task<T> PostAsync<T>(string path, CancellationToken cancel) => await ReadAsync<T>(await SendAsync(HttpMethod.Post, path, cancel), cancel);

    /// <summary>
    /// One of Icecast's admin commands (killclient, killsource, moveclients, metadata): its message when it was done;
    /// a command Icecast answers with return 0 or an error page fails with that page's message.
    /// </summary>
    public async Task<string> IcecastAsync(string path, CancellationToken cancel)
    {
        using var response = await SendAsync(HttpMethod.Get, path, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (response.Content.Headers.ContentType?.MediaType == "text/xml"
            && XDocument.Parse(body).Root is { Name.LocalName: "iceresponse" } reply)
        {
            var message = (string?)reply.Element("message") ?? "";
            return (string?)reply.Element("return") == "1" ? message : throw new CliError(message);
        }
        throw new CliError(ErrorPageText().Match(body) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["message"].Value)
            : $"{Node} answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    /// <summary>
    /// The server-sent events at <paramref name="path"/>, each event's data as it arrives, until the node ends the
    /// stream or <paramref name="cancel"/> fires. Only the answer's head is held to the usual patience; events may be
    /// hours apart.
    /// </summary>
    public async IAsyncEnumerable<string> EventsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        using var streaming = new HttpClient { BaseAddress = Node, Timeout = Timeout.InfiniteTimeSpan };
        streaming.DefaultRequestHeaders.Authorization = Authorization;
        using var head = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        head.CancelAfter(Patience);
        using (var response = await SendAsync(streaming, new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, head.Token, cancel))
        {
            if (!response.IsSuccessStatusCode)
                throw new CliError($"{Node} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
            while (await reader.ReadLineAsync(cancel) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    yield return line["data: ".Length..];
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancel) =>
        SendAsync(_http, new HttpRequestMessage(method, path), HttpCompletionOption.ResponseContentRead, cancel, cancel);

    /// <summary>
    /// Sends the request, giving up on its answer when <paramref name="sending"/> fires (the client's timeout, or the
    /// caller's patience for a head); a failure that is not <paramref name="cancel"/>'s becomes one line.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, HttpCompletionOption completion,
        CancellationToken sending, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, sending);
        }
        catch (HttpRequestException error)
        {
            throw new CliError($"cannot reach {Node}: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new CliError($"{Node} did not answer within {Patience.TotalSeconds} s");
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new CliError($"{Node} refused the admin login: wrong user or password, or the node has no admin block");
        }
        return response;
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancel)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancel);
            try
            {
                if (response.IsSuccessStatusCode)
                    return JsonSerializer.Deserialize<T>(body, AdminApiJson.Options) ?? throw new JsonException("null");
                if (JsonSerializer.Deserialize<AdminError>(body, AdminApiJson.Options) is { Error: { } error })
                    throw new CliError(error);
            }
            catch (JsonException)
            {
                // Not the admin API's JSON: a node too old for this command line, or something else on that port.
            }
            throw new CliError($"{Node} answered {(int)response.StatusCode} {response.ReasonPhrase} to {response.RequestMessage?.RequestUri?.AbsolutePath}"
                + (response.IsSuccessStatusCode ? ", not the admin API's JSON" : ""));
        }
    }

    /// <summary>Icecast's error page: <c>&lt;b&gt;400 - Source does not exist&lt;/b&gt;</c>.</summary>
    [GeneratedRegex(@"<b>\d{3} - (?<message>[^<]*)</b>")]
    private static partial Regex ErrorPageText();

    public void Dispose() => _http.Dispose();
}
