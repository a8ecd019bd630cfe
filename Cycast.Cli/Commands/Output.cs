using System.Text.Json;
using Cycast.Shared.AdminApi;
using Spectre.Console;

namespace Cycast.Cli.Commands;

/// <summary>Where results go: Spectre.Console tables on a terminal, whole lines when piped; JSON as the API's own.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Indented = new(AdminApiJson.Options) { WriteIndented = true };

    /// <summary>Piped output is not cut to a terminal's 80 columns: a table row stays one line for grep.</summary>
    public static IAnsiConsole Console { get; } = Create();

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
            console.Profile.Width = 240;
        return console;
    }

    public static void Json<T>(T value) => System.Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(column));
        return table;
    }

    public static void Row(this Table table, params object?[] cells) =>
        table.AddRow(cells.Select(cell => new Text(cell switch { null => "-", bool flag => flag ? "yes" : "no", _ => cell.ToString()! })).ToArray());

    public static void Line(string text) => System.Console.Out.WriteLine(text);
}
