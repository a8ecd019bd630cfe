using System.Globalization;
using System.Text;
using Cycast.Shared.Config;

namespace Cycast.Cli.Import;

/// <summary>
/// A configuration being written: blocks in the order they were first named, each with its keys in the order they were
/// set, every value written in HCL's syntax and followed by a comment naming where in the source it came from.
/// </summary>
public sealed class HclDocument
{
    private readonly List<(string Header, List<(string Key, string Value, string Origin)> Keys, bool PrintEmpty)> _blocks = [];

    /// <summary>Sets <paramref name="key"/> in the block <paramref name="header"/> (e.g. <c>server</c>, <c>mount "/live"</c>); a later set wins.</summary>
    public void Set(string header, string key, object value, string origin)
    {
        var block = _blocks.FirstOrDefault(block => block.Header == header).Keys;
        if (block is null)
        {
            block = [];
            _blocks.Add((header, block, false));
        }
        block.RemoveAll(entry => entry.Key == key);
        block.Add((key, Format(value), origin));
    }

    /// <summary>
    /// Places the block here in the order; <paramref name="printEmpty"/> prints it even with nothing in it, as a mount
    /// block that only says the mount exists.
    /// </summary>
    public void Open(string header, bool printEmpty)
    {
        if (_blocks.All(block => block.Header != header))
            _blocks.Add((header, [], printEmpty));
    }

    private static string Format(object value) => value switch
    {
        string text => HclString.Quote(text),
        bool flag => flag ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number => number.ToString("0.0##", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no HCL form for {value.GetType().Name}", nameof(value)),
    };

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (header, keys, _) in _blocks.Where(block => block.Keys.Count > 0 || block.PrintEmpty))
        {
            var width = keys.Count == 0 ? 0 : keys.Max(entry => entry.Key.Length);
            text.Append(header).Append(" {\n");
            foreach (var (key, value, origin) in keys)
                text.Append("  ").Append(key.PadRight(width)).Append(" = ").Append(value).Append("  # ").Append(origin).Append('\n');
            text.Append("}\n\n");
        }
        return text.ToString().TrimEnd() + "\n";
    }
}
