namespace Cycast.Node.Connections;

/// <summary>
/// Signalled when the node, shutting down, has handed its mounts over: the connections it serves then close at once
/// (their players and encoders reconnect through the load balancer) instead of holding Kestrel's shutdown until its
/// timeout ends them with a reset.
/// </summary>
public sealed class NodeStopping
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    public void Signal() => _stopping.Cancel();
}
