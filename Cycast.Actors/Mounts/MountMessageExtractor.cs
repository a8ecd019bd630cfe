using Akka.Cluster.Sharding;
using Cycast.Actors.Messages;

namespace Cycast.Actors.Mounts;

/// <summary>Shards mounts by path: the entity id is the mount path, and a message is delivered as it is.</summary>
public sealed class MountMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => (message as IMountMessage)?.MountPath;
}
