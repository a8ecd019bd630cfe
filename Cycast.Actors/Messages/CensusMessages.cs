namespace Cycast.Actors.Messages;

// Who listens where: each node's reporter answers the census.

/// <summary>
/// Asks a node's listener reporter (at /user/listeners) who listens there. Answered with <see cref="NodeListeners"/>; its
/// <see cref="NodeListeners.Listeners"/> only when <see cref="WithEntries"/>, because a status page polling for
/// counts should not carry every listener of the cluster across the network.
/// </summary>
public sealed record GetNodeListeners(bool WithEntries) : IClusterMessage;

/// <summary>
/// One node's listeners: how many on each mount that has any, the bytes sent to them all since the node started
/// (including listeners that have left), and, when asked for, each listener. <see cref="Node"/> is its member address
/// (for the admin), <see cref="Name"/> its <c>cluster.node_name</c> (what public pages call it).
/// </summary>
public sealed record NodeListeners(string Node, string Name, IReadOnlyDictionary<string, int> ListenersByMount, long BytesSent,
    IReadOnlyList<ListenerEntry> Listeners) : IClusterMessage
{
    public int Total => ListenersByMount.Values.Sum();
}

/// <summary>
/// One connected listener. <see cref="Id"/> is unique in the cluster (<see cref="Listeners.ListenerRegistry"/>);
/// <see cref="ConnectedSeconds"/> is reckoned on its node, so the nodes' clocks need not agree. <see cref="Address"/>
/// is the client's IP address, <see cref="UserAgent"/> its player: both only for the admin.
/// </summary>
public sealed record ListenerEntry(long Id, string MountPath, long BytesSent, long ConnectedSeconds, string Address, string UserAgent);

/// <summary>Asks every node's listener reporter to disconnect listener <see cref="Id"/>; answered with <see cref="ListenerKicked"/>.</summary>
public sealed record KickListener(long Id) : IClusterMessage;

/// <summary>Whether the node that answers had listener <see cref="Id"/>, and has now disconnected it.</summary>
public sealed record ListenerKicked(long Id, bool Found) : IClusterMessage;

/// <summary>Asks a node's listener reporter for its listener counts of the last hour; answered with <see cref="NodeListenerHistory"/>.</summary>
public sealed record GetListenerHistory : IClusterMessage
{
    public static GetListenerHistory Instance { get; } = new();
}

/// <summary>How many listened on <see cref="Node"/>, called <see cref="Name"/>, (all mounts together) at each sample, oldest first.</summary>
public sealed record NodeListenerHistory(string Node, string Name, IReadOnlyList<ListenerSample> Samples) : IClusterMessage;

/// <summary>One sample: at <see cref="UnixSeconds"/> (the node's clock), <see cref="Listeners"/> listened there.</summary>
public readonly record struct ListenerSample(long UnixSeconds, int Listeners);

/// <summary>
/// Asks every node's listener reporter to move the listeners of <see cref="From"/> to <see cref="To"/> (Icecast's
/// moveclients); answered with <see cref="ListenersMoved"/>.
/// </summary>
public sealed record MoveListeners(string From, string To) : IClusterMessage;

/// <summary>How many of the node's listeners were asked to move; each moves as soon as the destination takes it.</summary>
public sealed record ListenersMoved(int Count) : IClusterMessage;
