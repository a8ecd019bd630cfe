namespace Cycast.Node.ListenerAuth;

/// <summary>
/// Whether a listener may have the mount. A refusal carries the status Icecast answers with (401, or 403 when the
/// backend is swamped), why, for the log, and what the player is told.
/// </summary>
/// <param name="Message">The reply's body: the backend's <c>Icecast-Auth-Message</c> when it sent one, else Icecast's own words.</param>
public sealed record AuthVerdict(bool Admitted, int Status, string Reason, string Message)
{
    public const string NeedToAuthenticate = "You need to authenticate";

    public static readonly AuthVerdict Admit = new(true, 200, "admitted", "");

    public static AuthVerdict Unauthorized(string reason, string? message = null) =>
        new(false, 401, reason, string.IsNullOrWhiteSpace(message) ? NeedToAuthenticate : message);

    public static AuthVerdict Forbidden(string reason, string message) => new(false, 403, reason, message);
}
