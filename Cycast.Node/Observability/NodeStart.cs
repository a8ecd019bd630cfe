namespace Cycast.Node.Observability;

/// <summary>When this node started: uptime counts from here, not from whoever first asked.</summary>
public sealed record NodeStart(DateTimeOffset At);
