using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

public class HclParserTests
{
    private static HclBody Parse(string text) => HclParser.Parse(text, "t.hcl");

    [Fact]
    public void Parses_every_value_type_with_positions()
    {
        var body = Parse("""
            text = "q\"b\\n\nt\t."
            count = 42
            negative = -7
            ratio = 0.001
            exponent = 1e3
            on = true
            off = false
            mixed = [1, "two", 3.5, []]
            """);

        var values = body.Attributes.ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("q\"b\\n\nt\t.", Assert.IsType<HclString>(values["text"]).Value);
        Assert.Equal(42, Assert.IsType<HclInteger>(values["count"]).Value);
        Assert.Equal(-7, Assert.IsType<HclInteger>(values["negative"]).Value);
        Assert.Equal(0.001, Assert.IsType<HclFloat>(values["ratio"]).Value);
        Assert.Equal(1000, Assert.IsType<HclFloat>(values["exponent"]).Value);
        Assert.True(Assert.IsType<HclBool>(values["on"]).Value);
        Assert.False(Assert.IsType<HclBool>(values["off"]).Value);
        var mixed = Assert.IsType<HclList>(values["mixed"]);
        Assert.Collection(mixed.Items,
            item => Assert.Equal(1, Assert.IsType<HclInteger>(item).Value),
            item => Assert.Equal("two", Assert.IsType<HclString>(item).Value),
            item => Assert.Equal(3.5, Assert.IsType<HclFloat>(item).Value),
            item => Assert.Empty(Assert.IsType<HclList>(item).Items));

        Assert.Equal(new SourcePosition(2, 1), body.Attributes[1].Position);
        Assert.Equal(new SourcePosition(2, 9), values["count"].Position);
        Assert.Equal(new SourcePosition(8, 13), mixed.Items[1].Position);
    }

    [Fact]
    public void Skips_all_three_comment_kinds_but_not_comment_characters_inside_strings()
    {
        var body = Parse("""
            # hash comment
            // slash comment
            a = 1 # trailing hash
            b = 2 // trailing slashes
            /* block comment
               over several lines with = and { } inside */
            c = /* inline */ "http://x/#not-a-comment//either"
            """);

        Assert.Equal(["a", "b", "c"], body.Attributes.Select(a => a.Name));
        Assert.Equal("http://x/#not-a-comment//either", Assert.IsType<HclString>(body.Attributes[2].Value).Value);
        Assert.Equal(new SourcePosition(7, 1), body.Attributes[2].Position);
    }

    [Fact]
    public void Lists_may_span_lines_and_end_with_a_comma()
    {
        var body = Parse("""
            extensions = [
              ".mp3",   # comments between items
              ".ogg",
            ]
            """);

        var list = Assert.IsType<HclList>(Assert.Single(body.Attributes).Value);
        Assert.Equal([".mp3", ".ogg"], list.Items.Select(item => Assert.IsType<HclString>(item).Value));
    }

    [Fact]
    public void Parses_plain_labeled_repeated_and_nested_blocks()
    {
        var body = Parse("""
            server {
              host = "0.0.0.0"
            }
            mount "/main" {
              source_password = "a"
            }
            mount "/alt" {
            }
            outer "x" "y" {
              inner {
                deep = true
              }
            }
            """);

        Assert.Equal(["server", "mount \"/main\"", "mount \"/alt\"", "outer \"x\" \"y\""], body.Blocks.Select(b => b.Name));
        Assert.Equal(new SourcePosition(4, 1), body.Blocks[1].Position);
        Assert.Equal("/main", Assert.Single(body.Blocks[1].Labels));
        Assert.Equal("source_password", Assert.Single(body.Blocks[1].Body.Attributes).Name);
        Assert.Empty(body.Blocks[2].Body.Attributes);
        var inner = Assert.Single(body.Blocks[3].Body.Blocks);
        Assert.Equal("inner", inner.Type);
        Assert.Equal(new SourcePosition(11, 5), Assert.Single(inner.Body.Attributes).Position);
    }

    [Fact]
    public void Attributes_need_no_newline_between_them()
    {
        var body = Parse("""cluster { hostname = "127.0.0.1"  port = 4053  seed_nodes = ["a:1", "b:2"] }""");

        var cluster = Assert.Single(body.Blocks);
        Assert.Equal(["hostname", "port", "seed_nodes"], cluster.Body.Attributes.Select(a => a.Name));
        Assert.Equal(new SourcePosition(1, 35), cluster.Body.Attributes[1].Position);
    }

    [Fact]
    public void Blocks_and_lists_nest_32_deep_at_most_so_no_file_can_overflow_the_stack()
    {
        // Found by HclFuzzing: 50 000 nested blocks or lists overflowed the stack and killed the process.
        string Blocks(int depth) => string.Concat(Enumerable.Repeat("a {\n", depth)) + string.Concat(Enumerable.Repeat("}\n", depth));
        string Lists(int depth) => "x = " + new string('[', depth) + new string(']', depth);

        Assert.Single(Parse(Blocks(HclParser.MaxNesting)).Blocks);
        Assert.Single(Parse(Lists(HclParser.MaxNesting)).Attributes);
        var tooDeepBlocks = Assert.Throws<ConfigException>(() => Parse(Blocks(100_000)));
        Assert.Equal($"t.hcl:{HclParser.MaxNesting + 1}:1: blocks and lists nested more than {HclParser.MaxNesting} deep", tooDeepBlocks.Message);
        var tooDeepLists = Assert.Throws<ConfigException>(() => Parse(Lists(100_000)));
        Assert.Equal($"t.hcl:1:{5 + HclParser.MaxNesting}: blocks and lists nested more than {HclParser.MaxNesting} deep", tooDeepLists.Message);
    }

    [Fact]
    public void Columns_count_characters_after_a_byte_order_mark_and_windows_line_ends()
    {
        var body = Parse("\uFEFFa = 1\r\n\tb = 2\r\n");

        Assert.Equal(new SourcePosition(1, 1), body.Attributes[0].Position);
        Assert.Equal(new SourcePosition(2, 2), body.Attributes[1].Position);
    }

    [Theory]
    [InlineData("server {\n  source_port 8000\n}", "t.hcl:2:15: expected '=' after key 'source_port'")]
    [InlineData("host \"0.0.0.0\"\nport = 1", "t.hcl:1:6: expected '=' after key 'host'")]
    [InlineData("mount \"a\" \"b\" x", "t.hcl:1:15: expected '{' to open block 'mount', got 'x'")]
    [InlineData("a = \"abc\nb = 1", "t.hcl:1:5: unterminated string: missing closing '\"' on this line")]
    [InlineData("a = \"C:\\music\"", "t.hcl:1:8: unknown escape '\\m' in string (supported: \\\" \\\\ \\n \\t; write a backslash as \\\\)")]
    [InlineData("a = 1\n/* never closed", "t.hcl:2:1: unterminated block comment: '/*' has no matching '*/'")]
    [InlineData("server {\n  a = 1\n", "t.hcl:3:1: expected '}' to close block 'server' opened at line 1, got end of file")]
    [InlineData("a = 1\n}", "t.hcl:2:1: unexpected '}' with no open block to close")]
    [InlineData("a = [1, 2", "t.hcl:1:10: expected ']' to close the list opened at line 1, got end of file")]
    [InlineData("a = [1 2]", "t.hcl:1:8: expected ',' or ']' in the list after 'a =', got 2")]
    [InlineData("a = [1, }", "t.hcl:1:9: expected a value in the list after 'a =', got '}'")]
    [InlineData("host = localhost", "t.hcl:1:8: expected a value after 'host =', got 'localhost' (strings need double quotes)")]
    [InlineData("a =\n}", "t.hcl:2:1: expected a value after 'a =', got '}'")]
    [InlineData("timeout = 10s", "t.hcl:1:11: invalid number '10s'")]
    [InlineData("version = 1.2.3", "t.hcl:1:11: invalid number '1.2.3'")]
    [InlineData("a = 99999999999999999999", "t.hcl:1:5: integer 99999999999999999999 is too large")]
    [InlineData("a = 1e999", "t.hcl:1:5: number 1e999 is too large")]
    [InlineData("a = 1\n  @", "t.hcl:2:3: unexpected character '@'")]
    [InlineData("= 1", "t.hcl:1:1: expected a key or block name, got '='")]
    [InlineData("\"key\" = 1", "t.hcl:1:1: expected a key or block name, got \"key\"")]
    public void Syntax_errors_name_file_line_and_column(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(text));

        Assert.Equal(expected, error.Message);
        Assert.Equal("t.hcl", error.File);
        var position = expected.Split(':');
        Assert.Equal(int.Parse(position[1]), error.Line);
        Assert.Equal(int.Parse(position[2]), error.Column);
        Assert.Null(error.Key);
    }

    /// <summary>Whatever garbage the file holds, start-up must fail with a positioned ConfigException, never a crash.</summary>
    [Fact]
    public void Random_input_either_parses_or_fails_with_a_positioned_config_exception()
    {
        var fragments = new[]
        {
            "a", "b_1", "-", "=", "{", "}", "[", "]", ",", "\"", "\"s\"", "\\", "1", "2.5", "-3", "e9", ".",
            "true", "#", "//", "/*", "*/", "*", "/", " ", "\n", "\t", "\r\n", "mount", "\"/m\"", "@", "é",
        };
        var random = new Random(20261124);
        var parsed = 0;
        for (var run = 0; run < 5000; run++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => fragments[random.Next(fragments.Length)]));
            try
            {
                Parse(text);
                parsed++;
            }
            catch (ConfigException error)
            {
                var lines = text.Split('\n');
                Assert.InRange(error.Line, 1, lines.Length);
                Assert.InRange(error.Column, 1, lines[error.Line - 1].Length + 1);
                Assert.StartsWith($"t.hcl:{error.Line}:{error.Column}: ", error.Message);
            }
        }
        // The generator must reach both outcomes or the property says little.
        Assert.InRange(parsed, 1, 4999);
    }
}
