using System.CommandLine;
using System.Xml;
using Cycast.Cli.Import;

namespace Cycast.Cli.Commands;

/// <summary>
/// <c>import-icecast icecast.xml</c>: prints the config.hcl that does what the Icecast configuration does, and names on
/// standard error, one line each with its line number, what it cannot carry over. Talks to no node.
/// </summary>
public static class ImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("icecast.xml") { Description = "An Icecast 2.4 configuration file" };
        var command = new Command("import-icecast", "Prints the config.hcl that does what an icecast.xml does; says on stderr what it cannot carry over") { file };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var result = IcecastImport.Convert(await File.ReadAllTextAsync(path.FullName, cancel), path.Name);
                await Console.Out.WriteAsync(result.Hcl);
                foreach (var line in result.NotCarried)
                    await Console.Error.WriteLineAsync(line);
                return 0;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cycast: cannot read {path}: {error.Message}");
                return 1;
            }
            catch (Exception error) when (error is XmlException or FormatException)
            {
                await Console.Error.WriteLineAsync($"cycast: {path.Name}: {error.Message}");
                return 2;
            }
        });
        return command;
    }
}
