using Akka.Actor;
using Akka.Event;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;

namespace Cycast.Actors.Listeners;

/// <summary>
/// Icecast's fallback mounts for the listeners already playing, on every node: when a mount's live source goes, its
/// listeners move to its <c>fallback_mount</c>; with <c>fallback_override</c>, when a source comes back, the fallback
/// mount's listeners all move to it (as Icecast's source.c moves them). Each node runs one, and acts only on its own
/// entities' news, so each move is asked once in the cluster; the listeners move without reconnecting.
/// </summary>
public sealed class FallbackMoves : ReceiveActor
{
    public const string Name = "fallback-moves";

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public FallbackMoves(MountDirectory directory, ListenerCensus census)
    {
        ReceiveAsync<MountSourceChanged>(async changed =>
        {
            if (!directory.TryGet(changed.MountPath, out var mount) || mount.Fallback is not { } fallback)
                return;
            if (!changed.Live)
                await MoveAsync(census, changed.MountPath, fallback.Mount, "its source went");
            else if (fallback.Override && !changed.Resumed)
                await MoveAsync(census, fallback.Mount, changed.MountPath, $"the source of {changed.MountPath} is back (fallback_override)");
        });
    }

    public static Props Props(MountDirectory directory, ListenerCensus census) =>
        Akka.Actor.Props.Create(() => new FallbackMoves(directory, census));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(MountSourceChanged));

    private async Task MoveAsync(ListenerCensus census, string from, string to, string why)
    {
        var moved = await census.MoveAsync(from, to);
        if (moved > 0)
            _log.Info("Moving {0} listeners from {1} to {2}: {3}", moved, from, to, why);
    }
}
