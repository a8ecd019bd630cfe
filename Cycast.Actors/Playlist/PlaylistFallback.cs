using Akka.Actor;
using Cycast.Actors.Streaming;
using Cycast.Shared.Config;

namespace Cycast.Actors.Playlist;

/// <summary>
/// A mount's playlist player, started and stopped by the actor whose ring it fills: the mount entity whenever it has
/// no live source, and a node's replica of the mount whenever it cannot hear the entity. That actor receives the
/// player's <see cref="FallbackTrackStarted"/> and <see cref="FallbackAudio"/>, and takes them only while
/// <see cref="IsFrom"/> says they come from the player it is running.
/// </summary>
public sealed class PlaylistFallback(MountSettings mount, PlaylistSettings playlist)
{
    private readonly PlaylistLibrary _library = new(mount.PlaylistDirectory, playlist.Shuffle, playlist.Extensions);
    private IActorRef? _player;
    private int _runs;

    public bool IsPlaying => _player is not null;

    /// <param name="format">The mount's format when known; null lets the directory decide.</param>
    public void Start(IActorContext owner, ContainerFormat? format)
    {
        // A fresh name each time: the previous player's name is not free until it has fully stopped.
        _player = owner.ActorOf(PlaylistPlayer.Props(mount.Path, _library, format, owner.Self, TimeProvider.System), $"playlist-{++_runs}");
    }

    /// <summary>Stops the player between two of its messages, so the ring ends on a whole frame or page; any still queued are ignored.</summary>
    public void Stop(IActorContext owner)
    {
        if (_player is null)
            return;
        owner.Stop(_player);
        _player = null;
    }

    public bool IsFrom(IActorRef sender) => _player is not null && sender.Equals(_player);
}
