using Cycast.Shared.Protocol;

namespace Cycast.Node.Protocol;

/// <summary>How a refused password is logged, the same for encoders, title updates and the admin.</summary>
public static class CredentialRefusalLog
{
    /// <summary>
    /// libshout tries without credentials first and sends them only once told to, at every connect and title update:
    /// a request with no credentials is that routine step (debug); a wrong password is worth an operator's look.
    /// </summary>
    public static void RefusedCredentials(this ILogger log, CredentialVerdict verdict, string what, string? mount, string? peer, string? authorization) =>
        log.Log(authorization is null && verdict == CredentialVerdict.Refused ? LogLevel.Debug : LogLevel.Warning, "Refused {What} for {Mount} from {Peer}: {Problem}",
            LogText.Of(what), LogText.Of(mount), peer, verdict == CredentialVerdict.Waiting ? "too many wrong passwords (wrong_password_limit), it waits out the minute"
            : authorization is null ? "no credentials" : "wrong user or password");
}
