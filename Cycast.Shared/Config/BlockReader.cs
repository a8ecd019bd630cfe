namespace Cycast.Shared.Config;

/// <summary>
/// Reads one block's attributes as typed, range-checked values. Each read also declares the key as part of
/// the schema, so <see cref="RejectUnknown"/> needs no separate list of keys that could drift from the reads.
/// Absent keys yield the fallback unchecked: fallbacks are the built-in defaults or inherited, already valid, values.
/// </summary>
internal sealed class BlockReader
{
    private readonly string _file;
    private readonly string _blockName;
    private readonly HclBody _body;
    private readonly Dictionary<string, HclAttribute> _attributes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _schemaKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _schemaBlocks = new(StringComparer.Ordinal);
    private readonly List<(string Type, BlockReader Reader)> _nested = [];

    /// <param name="blockName">How messages name the block, e.g. <c>server</c> or <c>mount "/main"</c>.</param>
    /// <param name="body">The block's body, or null when the file has no such block.</param>
    public BlockReader(string file, string blockName, HclBody? body)
    {
        _file = file;
        _blockName = blockName;
        _body = body ?? new HclBody([], []);
        foreach (var attribute in _body.Attributes)
        {
            if (_attributes.TryGetValue(attribute.Name, out var first))
            {
                var key = Qualify(attribute.Name);
                throw new ConfigException(file, attribute.Position, key,
                    $"duplicate key '{key}' (first set at line {first.Position.Line})");
            }
            _attributes.Add(attribute.Name, attribute);
        }
    }

    private string Qualify(string key) => $"{_blockName}.{key}";

    /// <summary>
    /// Every key a read has asked for so far: once the block is read, its whole schema. A nested block counts as
    /// <c>type { }</c>, and the keys read from it as <c>type.key</c>.
    /// </summary>
    public IReadOnlyCollection<string> SchemaKeys =>
    [
        .. _schemaKeys,
        .. _schemaBlocks.Select(type => $"{type} {{ }}"),
        .. _nested.SelectMany(nested => nested.Reader.SchemaKeys.Select(key => $"{nested.Type}.{key}")),
    ];

    /// <summary>Where the key is set, or null when it is not; lets a cross-field check point at a key the user wrote.</summary>
    public SourcePosition? PositionOf(string key) => _attributes.TryGetValue(key, out var attribute) ? attribute.Position : null;

    public ConfigException Invalid(string key, SourcePosition? at, string problem) =>
        new(_file, at, Qualify(key), $"{Qualify(key)}: {problem}");

    public string String(string key, string fallback, string expectation = "a string", Func<string, bool>? isValid = null) =>
        ReadString(key, fallback, expectation, isValid, secret: false);

    /// <summary>
    /// A password or key: read as <see cref="String"/>, but an error says only what kind of value it found and how long,
    /// never the value, which may be the real secret mistyped or set in the wrong place, and ends up in logs.
    /// </summary>
    public string Secret(string key, string fallback, string expectation, Func<string, bool> isValid) =>
        ReadString(key, fallback, expectation, isValid, secret: true);

    /// <summary>A string the block must set: its absence names the block's own position.</summary>
    public string RequiredString(string key, string expectation, SourcePosition? blockPosition = null)
    {
        if (!_attributes.ContainsKey(key))
            throw new ConfigException(_file, blockPosition, Qualify(key), $"{Qualify(key)}: required in the {_blockName} block, expected {expectation}");
        return String(key, "", expectation, text => text.Length > 0);
    }

    /// <summary>A secret the block must set: its absence names the block's own position.</summary>
    public string RequiredSecret(string key, string expectation, Func<string, bool> isValid, SourcePosition? blockPosition = null)
    {
        if (!_attributes.ContainsKey(key))
            throw new ConfigException(_file, blockPosition, Qualify(key), $"{Qualify(key)}: required in the {_blockName} block, expected {expectation}");
        return Secret(key, "", expectation, isValid);
    }

    private string ReadString(string key, string fallback, string expectation, Func<string, bool>? isValid, bool secret)
    {
        if (!TryRead(key, out var attribute))
        {
            return fallback;
        }
        if (attribute.Value is HclString text && (isValid?.Invoke(text.Value) ?? true))
            return text.Value;
        throw secret
            ? Invalid(attribute.Name, attribute.Position, $"expected {expectation}, got {Withheld(attribute.Value)}")
            : Expected(attribute, expectation);
    }

    /// <summary>What a secret's value is, without a character of it.</summary>
    private static string Withheld(HclValue value) => value switch
    {
        HclString text => $"a string of {text.Value.Length} characters",
        HclInteger or HclFloat => "a number",
        HclBool => "true or false",
        HclList => "a list",
        _ => "another kind of value",
    };

    /// <param name="expectation">Overrides the generated "an integer between min and max" when the bounds need explaining.</param>
    public int Integer(string key, int fallback, int min, int max, string? expectation = null)
    {
        if (!TryRead(key, out var attribute))
        {
            return fallback;
        }
        return attribute.Value is HclInteger { Value: var value } && value >= min && value <= max
            ? (int)value
            : throw Expected(attribute, expectation ?? DescribeRange(min, max));
    }

    /// <summary>Accepts integer literals too: nobody should have to write <c>10.0</c> for ten seconds.</summary>
    public double Number(string key, double fallback, string expectation, Func<double, bool> isValid)
    {
        if (!TryRead(key, out var attribute))
        {
            return fallback;
        }
        return ReadNumber(attribute.Value) is { } value && isValid(value)
            ? value
            : throw Expected(attribute, expectation);
    }

    public bool Bool(string key, bool fallback)
    {
        if (!TryRead(key, out var attribute))
        {
            return fallback;
        }
        return attribute.Value is HclBool flag ? flag.Value : throw Expected(attribute, "true or false");
    }

    /// <summary>
    /// <c>username</c> and <c>password</c>: Basic credentials for another server (<paramref name="whose"/>, e.g. "the
    /// upstream's"), both set or neither; half a pair names the missing key at the block's position. Null for none.
    /// </summary>
    public (string Username, string Password)? CredentialPair(string whose, SourcePosition blockPosition)
    {
        var username = String("username", "");
        var password = Secret("password", "", "a string", _ => true);
        if (username.Length > 0 != password.Length > 0)
        {
            var missing = username.Length > 0 ? "password" : "username";
            throw Invalid(missing, blockPosition, $"required with {(missing == "password" ? "username" : "password")}: {whose} credentials are a pair");
        }
        return username.Length > 0 ? (username, password) : null;
    }

    /// <param name="listExpectation">What the whole value should be, e.g. <c>a list of strings</c>.</param>
    /// <param name="itemExpectation">What each item should be; a bad item is reported at its own position as <c>key[index]</c>.</param>
    public IReadOnlyList<string> StringList(
        string key, IReadOnlyList<string> fallback, string listExpectation, string itemExpectation, Func<string, bool> isValidItem)
    {
        if (!TryRead(key, out var attribute))
        {
            return fallback;
        }
        if (attribute.Value is not HclList list)
        {
            throw Expected(attribute, listExpectation);
        }
        var items = new List<string>(list.Items.Count);
        for (var index = 0; index < list.Items.Count; index++)
        {
            var item = list.Items[index];
            if (item is not HclString text || !isValidItem(text.Value))
            {
                throw new ConfigException(_file, item.Position, Qualify(key),
                    $"{Qualify(key)}[{index}]: expected {itemExpectation}, got {item.Describe()}");
            }
            items.Add(text.Value);
        }
        return items;
    }

    /// <summary>Accepts a numeric key that has no effect in Cycast, so files written for the original still load, and says so.</summary>
    public void IgnoredNumber(string key, string reason, ICollection<string> notices)
    {
        if (!TryRead(key, out var attribute))
        {
            return;
        }
        if (ReadNumber(attribute.Value) is null)
        {
            throw Expected(attribute, "a number");
        }
        notices.Add($"{attribute.Position.In(_file)}: {Qualify(key)} is ignored: {reason}");
    }

    /// <summary>
    /// The nested block <c>type { }</c> (no label, at most once), or null when the block has none; declares it part of
    /// the schema as a read declares a key. Its reader names it <c>parent.type</c>.
    /// </summary>
    public (BlockReader Reader, SourcePosition Position)? Nested(string type)
    {
        _schemaBlocks.Add(type);
        var blocks = _body.Blocks.Where(block => block.Type == type).ToList();
        if (blocks.Count == 0)
            return null;
        var name = Qualify(type);
        if (blocks.Count > 1)
            throw new ConfigException(_file, blocks[1].Position, name, $"duplicate block '{name}' (first defined at line {blocks[0].Position.Line})");
        if (blocks[0].Labels.Count > 0)
            throw new ConfigException(_file, blocks[0].Position, name, $"block '{name}' takes no label, got {HclString.Quote(blocks[0].Labels[0])}");
        var reader = new BlockReader(_file, name, blocks[0].Body);
        _nested.Add((type, reader));
        return (reader, blocks[0].Position);
    }

    /// <summary>Fails on the first attribute no read asked for, or on the first nested block no <see cref="Nested"/> asked for.</summary>
    public void RejectUnknown()
    {
        var unknownKey = _body.Attributes.FirstOrDefault(attribute => !_schemaKeys.Contains(attribute.Name));
        var nestedBlock = _body.Blocks.FirstOrDefault(block => !_schemaBlocks.Contains(block.Type));
        if (nestedBlock is not null && (unknownKey is null || IsBefore(nestedBlock.Position, unknownKey.Position)))
        {
            var name = $"{_blockName}.{nestedBlock.Type}";
            throw new ConfigException(_file, nestedBlock.Position, name, $"unknown block '{name}'");
        }
        if (unknownKey is not null)
        {
            var key = Qualify(unknownKey.Name);
            throw new ConfigException(_file, unknownKey.Position, key, $"unknown key '{key}'");
        }
    }

    internal static string DescribeRange(int min, int max) =>
        max == int.MaxValue ? $"an integer >= {min}" : $"an integer between {min} and {max}";

    private static bool IsBefore(SourcePosition a, SourcePosition b) => (a.Line, a.Column).CompareTo((b.Line, b.Column)) < 0;

    private static double? ReadNumber(HclValue value) => value switch
    {
        HclInteger integer => integer.Value,
        HclFloat number => number.Value,
        _ => null,
    };

    private bool TryRead(string key, out HclAttribute attribute)
    {
        _schemaKeys.Add(key);
        return _attributes.TryGetValue(key, out attribute!);
    }

    private ConfigException Expected(HclAttribute attribute, string expectation) =>
        Invalid(attribute.Name, attribute.Position, $"expected {expectation}, got {attribute.Value.Describe()}");
}
