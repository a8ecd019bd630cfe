using System.Text.RegularExpressions;

namespace Cycast.Tests.Deployment;

/// <summary>One instruction of a Dockerfile: its keyword, upper case, and the rest of its (joined) lines.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The words of a shell-form instruction (COPY a b c/), options such as --from= included.</summary>
    public string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A stage of a Dockerfile: from FROM to the next FROM.</summary>
public sealed record DockerStage(string? Name, IReadOnlyList<DockerInstruction> Instructions);

/// <summary>
/// The Dockerfile at the repository root read as docker reads it, as far as this repository's file uses it:
/// comments, backslash continuations, and stages.
/// </summary>
public static class Dockerfile
{
    public static IReadOnlyList<DockerStage> Stages(string path)
    {
        var text = Regex.Replace(File.ReadAllText(path), @"(?m)^\s*#.*\n", "");
        text = Regex.Replace(text, @"\\\r?\n", " ");
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        foreach (var line in text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
        {
            var keyword = line.Split(' ', 2)[0].ToUpperInvariant();
            var instruction = new DockerInstruction(keyword, line.Length > keyword.Length ? line[keyword.Length..].Trim() : "");
            if (keyword == "FROM")
            {
                current = [instruction];
                var name = Regex.Match(instruction.Arguments, @"(?i)\sAS\s+(\S+)$");
                stages.Add(new DockerStage(name.Success ? name.Groups[1].Value : null, current));
            }
            else
            {
                (current ?? throw new InvalidDataException($"'{line}' comes before FROM")).Add(instruction);
            }
        }
        return stages;
    }
}
