using System.Globalization;
using System.Text;

namespace Cycast.Shared.Config;

/// <summary>An attribute's value as written in the file, before any schema gives it a meaning.</summary>
public abstract record HclValue(SourcePosition Position)
{
    /// <summary>The value as an error message should quote it after "got".</summary>
    public abstract string Describe();
}

public sealed record HclString(string Value, SourcePosition Position) : HclValue(Position)
{
    public override string Describe() => Quote(Value);

    /// <summary>Writes <paramref name="text"/> back in HCL string syntax, so messages show exactly what would have to be typed.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}

public sealed record HclInteger(long Value, SourcePosition Position) : HclValue(Position)
{
    public override string Describe() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <param name="Text">The literal as written, kept so messages say "got 10.0" rather than "got 10".</param>
public sealed record HclFloat(double Value, string Text, SourcePosition Position) : HclValue(Position)
{
    public override string Describe() => Text;
}

public sealed record HclBool(bool Value, SourcePosition Position) : HclValue(Position)
{
    public override string Describe() => Value ? "true" : "false";
}

public sealed record HclList(IReadOnlyList<HclValue> Items, SourcePosition Position) : HclValue(Position)
{
    public override string Describe() => "a list";
}
