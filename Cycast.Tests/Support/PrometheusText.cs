using System.Globalization;
using System.Text.RegularExpressions;

namespace Cycast.Tests.Support;

/// <summary>
/// Prometheus's text exposition format, read strictly: every line a comment (<c># HELP</c>, <c># TYPE</c>), or a sample
/// <c>name{labels} value</c>; anything else fails the test.
/// </summary>
public static partial class PrometheusText
{
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$")]
    private static partial Regex Comment();

    /// <summary>Each sample's value by its name and its labels as written.</summary>
    public static IReadOnlyDictionary<(string Name, string Labels), double> Parse(string text)
    {
        var samples = new Dictionary<(string, string), double>();
        foreach (var line in text.Split('\n').Where(line => line.Length > 0))
        {
            if (Comment().IsMatch(line))
                continue;
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not Prometheus text: {line}");
            var value = sample.Groups["value"].Value;
            samples[(sample.Groups["name"].Value, sample.Groups["labels"].Value.TrimEnd(','))] = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }
        return samples;
    }
}
