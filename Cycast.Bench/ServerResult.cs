namespace Cycast.Bench;

/// <summary>All phases run against one server, and the error that stopped them early, if any.</summary>
internal sealed class ServerResult(string name)
{
    public string Name { get; } = name;
    public string? Version { get; set; }
    public string? Error { get; set; }
    public PhaseResult? LoneListener { get; set; }
    /// <summary>Every load phase of every case, in the order they ran.</summary>
    public List<PhaseResult> Load { get; } = [];
    public PhaseResult? Churn { get; set; }
    public PhaseResult? Latency { get; set; }
}
