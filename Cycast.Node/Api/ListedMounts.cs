using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;

namespace Cycast.Node.Api;

/// <summary>
/// A mount's status as the public and the admin see it: with the mount's overrides of name, genre, description, URL
/// and public applied over what its source says, while players get the source's own (<see cref="StreamHeads"/>).
/// </summary>
public static class ListedMounts
{
    public static MountStatus ListedIn(this MountStatus status, MountDirectory directory) =>
        directory.TryGet(status.MountPath, out var mount) ? status with { Head = StreamHeads.Listed(mount, status.Head) } : status;
}
