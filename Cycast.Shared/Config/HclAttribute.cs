namespace Cycast.Shared.Config;

/// <summary><c>name = value</c>; <see cref="Position"/> is where the name starts.</summary>
public sealed record HclAttribute(string Name, HclValue Value, SourcePosition Position);
