namespace Cycast.Node.Observability;

/// <summary>
/// What Akka logs as information or warning during a cluster's ordinary life, and an operator need not read: they go to
/// debug. Each is matched by a fixed part of Akka's own text.
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
    ];

    public static bool IsRoutine(string message) => Fragments.Any(fragment => message.Contains(fragment, StringComparison.Ordinal));
}
