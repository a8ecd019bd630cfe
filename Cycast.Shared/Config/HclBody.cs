namespace Cycast.Shared.Config;

/// <summary>The contents of a file or of a block, each list in file order.</summary>
public sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks);
