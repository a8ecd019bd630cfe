using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Http;
using Cycast.Node.Observability;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Node.Api;

/// <summary>
/// Icecast's <c>GET /admin/metadata?mount=/x&amp;mode=updinfo&amp;song=...</c>, which encoders (butt, liquidsoap,
/// ices) call to change the title, answered with Icecast's own XML and status codes.
/// </summary>
public static class AdminMetadataEndpoint
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void MapAdminMetadata(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/metadata", async (HttpContext http, SourcePasswords passwords, AdminAccess admin, PasswordGuesses guesses, ClientAddress addresses,
            Refusals refusals, IRequiredActor<MountRouter> router, MountDirectory directory) =>
        {
            var query = RawQuery.Parse(http.Request.QueryString.Value);
            var mount = query.Text("mount", Encoding.UTF8) ?? "";
            var address = addresses.Of(http);
            var peer = address.ToString();
            string? authorization = http.Request.Headers.Authorization;
            var verdict = guesses.Check(address, authorization, credentials => passwords.Allow(mount, credentials) || admin.Allow(credentials));
            if (verdict != CredentialVerdict.Allowed)
            {
                refusals.Credentials(verdict, "metadata update", mount, address, peer, authorization);
                return verdict == CredentialVerdict.Waiting ? IcecastAdminReplies.TooManyGuesses(http, guesses.WaitLeft(address)) : IcecastAdminReplies.Unauthorized(http);
            }
            if (query.Text("mode", Encoding.UTF8) != "updinfo")
                return IcecastAdminReplies.Response("No such action", 0);

            // The mount's own charset stands in for a request that names none, as Icecast's <charset> does.
            var charsetName = query.Text("charset", Encoding.UTF8) ?? (directory.TryGet(mount, out var settings) ? settings.Overrides.Charset : null);
            if (CharsetOf(charsetName) is not { } charset)
            {
                refusals.Refused(Refusals.BadRequest, address, $"Refused metadata update for {LogText.Of(mount)} from {peer}: unknown charset {LogText.Of(charsetName)}");
                return IcecastAdminReplies.BadRequest("Unknown charset");
            }
            // libshout 2.4 (ezstream and the encoders built on it) sends artist and title apart instead of song.
            var title = query.Text("song", charset) is { } song
                ? TrackTitle.Parse(song)
                : new TrackTitle(query.Text("artist", charset)?.Trim() ?? "", query.Text("title", charset)?.Trim() ?? "");
            var mounts = await router.GetAsync();
            var answer = await mounts.Ask<object>(new UpdateMetadata(mount, title), AskTimeout);
            if (answer is MetadataRefused refused)
            {
                refusals.Refused(Refusals.BadRequest, address, $"Refused metadata update for {LogText.Of(mount)} from {peer}: {refused.Reason}");
                return IcecastAdminReplies.BadRequest(refused.Reason);
            }
            return IcecastAdminReplies.Response("Metadata update successful", 1);
        });

    /// <summary>
    /// Encoders that send Latin-1 titles say so with <c>charset</c> (or the mount's <c>charset</c> does); UTF-8 is the
    /// default. Null for a
    /// charset .NET does not know or will not decode (UTF-7 is refused by the runtime itself).
    /// </summary>
    private static Encoding? CharsetOf(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
