namespace Cycast.Node.Observability;

/// <summary>
/// What Akka logs as information, warning or error during a cluster's ordinary life, and an operator need not read:
/// they go to debug. Each is matched by a fixed part of Akka's own text, or by the exception that came with it.
/// Membership changes (a node joining, Up, leaving, removed, unreachable) stay: they are the cluster's events.
/// </summary>
public static class RoutineAkkaMessages
{
    private static readonly string[] Fragments =
    [
        // A single node joins itself; it needs no seed nodes.
        "No seed-nodes configured, manual cluster join required",
        // A shard region retries until the coordinator of a cluster it is joining answers.
        "Trying to register to coordinator at",
        "was not registered since the coordinator currently does not know about a node of that region",
        // Remoting's and the cluster extension's own start and stop.
        "Starting remoting",
        "Remoting started; listening on addresses",
        "Remoting now listens on addresses",
        "Shutting down remote daemon",
        "Remote daemon shut down",
        "Remoting shut down",
        "Removing receive buffers for",
        "- Starting up...",
        "- Started up successfully",
        "- Shutting down...",
        "- Successfully shut down",
        "Exiting completed",
        "Exiting confirmed",
        "Received InitJoin message",
        "Sending InitJoinAck message",
        "is the new leader among reachable nodes",
        "This node is now the leader responsible for taking SBR decisions",
        // The shard coordinator's singleton moving with the oldest node.
        "Singleton manager started singleton actor",
        "Singleton manager stopping singleton actor",
        "ClusterSingletonManager state change",
        "Oldest observed OldestChanged",
        "Singleton actor [",
        "Exited [",
        "Self removed, stopping ClusterSingletonManager",
        "ShardCoordinator was moved to the active state",
        "Starting shutting down shards",
        "CoordinatedShutdown invoked due to",
        "Starting coordinated shutdown from CLR termination hook",
        // The association with a member that has left ends; remoting reports it as a failed association (its
        // exception in the text) though the member said goodbye.
        "Akka.Remote.EndpointDisassociatedException: Disassociated",
        // Gossip and events addressed to a peer or actor that has just stopped, as every leave produces.
        "dead letters encountered",
    ];

    public static bool IsRoutine(string message, Exception? cause = null) =>
        IsRoutineCause(cause) || Fragments.Any(fragment => message.Contains(fragment, StringComparison.Ordinal));

    /// <summary>
    /// A peer that left (or this node leaving) ends its association; remoting's supervisor reports that as a failure
    /// with a stack trace, though nothing failed and the cluster already knows the member is gone. Both exceptions are
    /// internal to Akka.Remote, so they are known by name.
    /// </summary>
    private static bool IsRoutineCause(Exception? cause) =>
        cause?.GetType().FullName is "Akka.Remote.EndpointDisassociatedException" or "Akka.Remote.ShutDownAssociation";
}
