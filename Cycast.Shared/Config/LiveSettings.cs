namespace Cycast.Shared.Config;

/// <summary>
/// The settings the node runs with now. A reload (SIGHUP) replaces them whole, so whoever reads
/// <see cref="Current"/> per request or connection follows it, while a captured <see cref="CycastSettings"/> would not.
/// </summary>
public sealed class LiveSettings(CycastSettings initial)
{
    private volatile CycastSettings _current = initial;

    public CycastSettings Current => _current;

    /// <summary>Raised after <see cref="Current"/> has changed, with the new settings, for whoever keeps state derived from them.</summary>
    public event Action<CycastSettings>? Changed;

    public void Replace(CycastSettings next)
    {
        _current = next;
        Changed?.Invoke(next);
    }
}
