using System.Text;
using CsCheck;
using Cycast.Shared.Config;
using Cycast.Tests.Config;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The HCL lexer and parser, and the settings binder behind them, on any text: a tree, or a <see cref="ConfigException"/>
/// that says where (line and column) or which key; never another exception, never a crash however deep the nesting.
/// </summary>
public sealed class HclFuzzing
{
    private const string FileName = "fuzz.hcl";

    private static readonly string[] Tokens =
    [
        "server", "mount", "cluster", "advanced", "{", "}", "=", "[", "]", ",", "\"", "\"/a\"", "\"x\"", "\\", "\\n", "\\q", "1", "-1",
        "0.5", "1e3", "1e999", "99999999999999999999", "1.2.3", "10s", "true", "false", "#c\n", "// c\n", "/*", "*/", "\n", " ", "\uFEFF",
        "\u00e9", "\0", "source_password", "listen_port", "size_mb",
    ];

    private static readonly Gen<string> TokenSoup = Gen.OneOf(Tokens).Array[0, 60].Select(tokens => string.Concat(tokens));

    /// <summary>Mostly around the nesting cap; now and then as deep as a hostile or generated file may go.</summary>
    private static readonly Gen<int> Depths = Weighted.Of((4, Gen.Int[1, 100]), (1, Gen.Int[1000, 50_000]));

    /// <summary>Blocks or lists nested <see cref="Depths"/> deep, closed or left open.</summary>
    private static readonly Gen<string> DeepNesting = Gen.Select(Gen.Bool, Depths, Gen.Bool, (blocks, depth, closed) =>
    {
        var (open, close) = blocks ? ("a {\n", "}\n") : ("[", "]");
        var text = new StringBuilder(blocks ? "" : "x = ");
        text.Insert(text.Length, open, depth);
        if (closed)
            text.Insert(text.Length, close, depth);
        return text.ToString();
    });

    private static readonly Gen<string> MutatedSample = Mutations.Of(Gen.Const(Encoding.UTF8.GetBytes(ConfigSamples.SpecExample)),
        [.. Tokens.Select(Encoding.UTF8.GetBytes)]).Select(Encoding.UTF8.GetString);

    private static readonly Gen<string> Texts = Weighted.Of((3, MutatedSample), (3, TokenSoup), (1, DeepNesting), (1, Gen.String[0, 200]));

    [Fact]
    public void Any_text_parses_or_fails_with_a_position() =>
        Fuzz.Check(Texts, text =>
        {
            try
            {
                Fuzz.AssertAllocatesAtMost(200L * text.Length + 1024 * 1024, () => HclParser.Parse(text, FileName));
            }
            catch (ConfigException e)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1, e.Message);
                Assert.StartsWith($"{FileName}:{e.Line}:{e.Column}: ", e.Message);
            }
        }, Print, Fuzz.Iterations());

    [Fact]
    public void Any_text_gives_settings_or_fails_naming_a_line_or_a_key() =>
        Fuzz.Check(Texts, text =>
        {
            try
            {
                SettingsLoader.Parse(text, FileName, ConfigSamples.NoEnvironment);
            }
            catch (ConfigException e)
            {
                Assert.True(e.Line >= 1 || e.Key is not null, e.Message);
                Assert.StartsWith(FileName, e.Message);
            }
        }, Print, Fuzz.Iterations());

    private static string Print(string text) =>
        text.Length <= 2000 ? $"{text.Length} chars: {HclString.Quote(text)}" : $"{text.Length} chars, starting {HclString.Quote(text[..2000])}";
}
