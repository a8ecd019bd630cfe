namespace Cycast.Shared.Config;

/// <summary><c>type "label" ... { body }</c>; <see cref="Position"/> is where the type starts.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, SourcePosition Position)
{
    /// <summary>The block as a person would refer to it, e.g. <c>server</c> or <c>mount "/main"</c>.</summary>
    public string Name => NameOf(Type, Labels);

    internal static string NameOf(string type, IReadOnlyList<string> labels) =>
        labels.Count == 0 ? type : $"{type} {string.Join(' ', labels.Select(HclString.Quote))}";
}
