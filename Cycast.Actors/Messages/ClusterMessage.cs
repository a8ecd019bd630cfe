namespace Cycast.Actors.Messages;

// Every message addressed to a mount, and every message that crosses nodes.

/// <summary>Every message addressed to one mount carries its path, so the node's router (or a shard region) can route it.</summary>
public interface IMountMessage
{
    string MountPath { get; }
}

/// <summary>A message that may cross between nodes: bound to <see cref="Clustering.MountMessageSerializer"/> in hocon/.</summary>
public interface IClusterMessage;
