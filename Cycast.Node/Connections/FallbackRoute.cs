using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;

namespace Cycast.Node.Connections;

/// <summary>
/// Where a new listener is attached, Icecast's fallback mounts followed: a mount with a <c>fallback_mount</c> and no
/// live source sends its newcomers on down the chain (to the first mount with a source, or to the last one's
/// playlist), and with <c>fallback_when_full</c> so does a full one.
/// </summary>
public static class FallbackRoute
{
    /// <summary>As Icecast's limit on following fallbacks; the configuration already refuses loops.</summary>
    private const int MostHops = 10;

    /// <returns>The mount's answer (<see cref="ListenerAttached"/> or <see cref="ListenerRefused"/>).</returns>
    public static async Task<object> AttachAsync(IActorRef mounts, MountDirectory directory, string path, long listenerId, TimeSpan patience)
    {
        for (var hops = 0; ; hops++)
        {
            var fallback = hops < MostHops && directory.TryGet(path, out var mount) ? mount.Fallback : null;
            if (fallback is not null && !(await mounts.Ask<MountStatus>(new GetReplicaStatus(path), patience)).SourceConnected)
            {
                path = fallback.Mount;
                continue;
            }
            var answer = await mounts.Ask<object>(new AttachListener(path, listenerId), patience);
            if (answer is ListenerRefused { Full: true } && fallback is { WhenFull: true })
            {
                path = fallback.Mount;
                continue;
            }
            return answer;
        }
    }
}
