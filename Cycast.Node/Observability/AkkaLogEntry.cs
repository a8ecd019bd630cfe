using System.Collections;

namespace Cycast.Node.Observability;

/// <summary>
/// One Akka log event as structured state: the JSON console formatter and other structured sinks get the actor path
/// (or component) that logged it as <c>Source</c>, next to the message.
/// </summary>
public sealed record AkkaLogEntry(string Message, string Source) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("Source", Source),
        1 => new("{OriginalFormat}", Message),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var index = 0; index < Count; index++)
            yield return this[index];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
