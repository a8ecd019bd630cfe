using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Cycast.Shared.Config;

namespace Cycast.Node.ListenerAuth;

/// <summary>
/// Icecast's URL authentication: a <c>listener_add</c> POST when a listener asks for the mount, a <c>listener_remove</c>
/// POST when it leaves, with Icecast's form fields in Icecast's order. The reply's headers decide; its body is ignored.
/// Every request is bounded by the mount's <c>timeout</c>, and only the listener that asked waits for it: a slow or
/// dead backend refuses its own listeners, and nobody else notices.
/// </summary>
public sealed class UrlAuthBackend(IHttpClientFactory clients, ILogger<UrlAuthBackend> log)
{
    public const string ClientName = "listener-auth";

    /// <summary>Icecast's cap on listeners waiting for one authenticator; past it they are told to come back later.</summary>
    public const int MaxPending = 100;

    private const string MessageHeader = "Icecast-Auth-Message";

    private readonly ConcurrentDictionary<Uri, StrongBox<int>> _pending = new();

    public async Task<AuthVerdict> AddAsync(UrlAuthSettings settings, ListenerAuthRequest request)
    {
        var pending = _pending.GetOrAdd(settings.ListenerAdd, _ => new StrongBox<int>());
        try
        {
            if (Interlocked.Increment(ref pending.Value) > MaxPending)
                return AuthVerdict.Forbidden($"{MaxPending} listeners already wait for {settings.ListenerAdd}", "busy, please try again later");
            using var reply = await PostAsync(settings, settings.ListenerAdd, Form("listener_add", request, duration: null), request);
            var message = reply.Headers.TryGetValues(MessageHeader, out var values) ? string.Join(", ", values) : null;
            return Admits(reply, settings.AuthHeader)
                ? AuthVerdict.Admit
                : AuthVerdict.Unauthorized($"{settings.ListenerAdd} refused it ({(int)reply.StatusCode}{(message is null ? "" : $", {MessageHeader}: {message}")})", message);
        }
        catch (TaskCanceledException)
        {
            return AuthVerdict.Unauthorized($"{settings.ListenerAdd} did not answer within {settings.Timeout.TotalSeconds:0.###} s (timeout)");
        }
        catch (HttpRequestException error)
        {
            return AuthVerdict.Unauthorized($"{settings.ListenerAdd} could not be asked: {error.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref pending.Value);
        }
    }

    /// <summary>Tells the backend the listener has gone, without keeping anyone waiting; a failure is logged.</summary>
    public void Remove(UrlAuthSettings settings, ListenerAuthRequest request, TimeSpan duration)
    {
        if (settings.ListenerRemove is not { } url)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                using var reply = await PostAsync(settings, url, Form("listener_remove", request, duration), request);
            }
            // A node shutting down may have disposed of the client factory under a last remove: nothing to tell then.
            catch (Exception error) when (error is TaskCanceledException or HttpRequestException or ObjectDisposedException)
            {
                log.LogWarning("listener_remove for listener {Id} on {Mount} to {Url} failed: {Error}", request.ClientId, request.Mount, url,
                    error is TaskCanceledException ? $"no answer within {settings.Timeout.TotalSeconds:0.###} s" : error.Message);
            }
        });
    }

    private async Task<HttpResponseMessage> PostAsync(UrlAuthSettings settings, Uri url, string form, ListenerAuthRequest request)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout);
        using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(form)) };
        // As curl posts a form: no charset parameter, which some PHP backends do not expect.
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (BackendCredentials(settings, url, request) is { } basic)
            post.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        return await clients.CreateClient(ClientName).SendAsync(post, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    /// <summary>
    /// As Icecast has curl send them: the URL's own user info, else the configured username and password, else the
    /// listener's own credentials, so a backend can check them as it would a login.
    /// </summary>
    private static string? BackendCredentials(UrlAuthSettings settings, Uri url, ListenerAuthRequest request)
    {
        if (url.UserInfo.Length > 0)
            return Uri.UnescapeDataString(url.UserInfo);
        if (settings.Username is { } user)
            return $"{user}:{settings.Password}";
        return request.Credentials is { } listener ? $"{listener.User}:{listener.Password}" : null;
    }

    /// <summary>Icecast's fields, in its order: <c>duration</c> only on remove, in whole seconds; an absent agent is <c>-</c>.</summary>
    private static string Form(string action, ListenerAuthRequest request, TimeSpan? duration)
    {
        var form = new StringBuilder()
            .Append("action=").Append(action)
            .Append("&server=").Append(Uri.EscapeDataString(request.Server))
            .Append("&port=").Append(request.Port.ToString(CultureInfo.InvariantCulture))
            .Append("&client=").Append(request.ClientId.ToString(CultureInfo.InvariantCulture))
            .Append("&mount=").Append(Uri.EscapeDataString(request.Target))
            .Append("&user=").Append(Uri.EscapeDataString(request.Credentials?.User ?? ""))
            .Append("&pass=").Append(Uri.EscapeDataString(request.Credentials?.Password ?? ""));
        if (duration is { } listened)
            form.Append("&duration=").Append(((long)listened.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return form
            .Append("&ip=").Append(Uri.EscapeDataString(request.Address))
            .Append("&agent=").Append(Uri.EscapeDataString(string.IsNullOrEmpty(request.UserAgent) ? "-" : request.UserAgent))
            .ToString();
    }

    /// <summary>
    /// Icecast admits when a reply header line is the configured one, case ignored: <c>icecast-auth-user: 1</c> is
    /// that header with the value 1.
    /// </summary>
    private static bool Admits(HttpResponseMessage reply, string authHeader)
    {
        var colon = authHeader.IndexOf(':');
        var name = authHeader[..colon].Trim();
        var value = authHeader[(colon + 1)..].Trim();
        return reply.Headers.TryGetValues(name, out var values)
            && values.Any(sent => sent.Trim().Equals(value, StringComparison.OrdinalIgnoreCase));
    }
}
