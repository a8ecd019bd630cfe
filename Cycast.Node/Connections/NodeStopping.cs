namespace Cycast.Node.Connections;

/// <summary>
/// Signalled when the node, shutting down, has handed its mounts over: the connections it serves then close at once
/// (their players and encoders reconnect through the load balancer) instead of holding Kestrel's shutdown until its
/// timeout ends them with a reset.
/// </summary>
/// <remarks>
/// Connections come and go by the million over a node's life, so each one's interest in the node stopping must end
/// with it: a registration left on the node's token outlives its connection until the process exits. The token is
/// therefore not handed out; <see cref="Watch"/> registers, counts, and gives back what ends the registration.
/// </remarks>
public sealed class NodeStopping
{
    private readonly CancellationTokenSource _stopping = new();
    private int _watching;

    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Registrations not yet ended: the connections open now, or a leak if it outgrows them.</summary>
    public int Watching => Volatile.Read(ref _watching);

    /// <summary>
    /// Calls <paramref name="onStopping"/> when the node stops (at once, if it has). Dispose the result when the
    /// connection ends.
    /// </summary>
    public IDisposable Watch(Action onStopping)
    {
        Interlocked.Increment(ref _watching);
        return new Registration(this, _stopping.Token.Register(onStopping));
    }

    public void Signal() => _stopping.Cancel();

    private sealed class Registration(NodeStopping owner, CancellationTokenRegistration registration) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
                return;
            registration.Dispose();
            Interlocked.Decrement(ref owner._watching);
        }
    }
}
