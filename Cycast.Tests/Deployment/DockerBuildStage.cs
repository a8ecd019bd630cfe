using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cycast.Tests.Deployment;

/// <summary>
/// Runs one Dockerfile stage without Docker: a temporary directory stands for the container's root, each COPY copies
/// from the build context exactly what Docker would (honouring .dockerignore), WORKDIR moves, and each RUN runs
/// through <c>sh -c</c> with the container's absolute paths moved under that root. Only what this repository's
/// Dockerfile uses is known; anything else fails rather than being skipped.
/// </summary>
public sealed class DockerBuildStage(string contextDirectory, string root)
{
    private readonly DockerIgnore _ignore = DockerIgnore.Load(contextDirectory);
    private string _workdir = "/";

    /// <summary>The stage's container root on this machine.</summary>
    public string Root { get; } = root;

    /// <summary>Where a container path lies on this machine.</summary>
    public string OnHost(string containerPath) =>
        Path.Combine(Root, Path.GetFullPath(containerPath, _workdir).TrimStart('/'));

    public async Task RunAsync(DockerStage stage, TimeSpan patience)
    {
        foreach (var instruction in stage.Instructions.Skip(1))
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    _workdir = Path.GetFullPath(instruction.Arguments, _workdir);
                    Directory.CreateDirectory(OnHost(_workdir));
                    break;
                case "COPY":
                    Copy(instruction.Words);
                    break;
                case "RUN":
                    await RunAsync(instruction.Arguments, patience);
                    break;
                case "ENV" or "EXPOSE" or "STOPSIGNAL" or "HEALTHCHECK" or "ENTRYPOINT" or "CMD":
                    break;
                default:
                    throw new NotSupportedException($"Dockerfile instruction {instruction.Keyword} is not known to this test");
            }
        }
    }

    /// <summary>The context's files a COPY source names, as paths relative to the context, after .dockerignore.</summary>
    public IEnumerable<string> ContextFiles(string source)
    {
        var path = Path.Combine(contextDirectory, source);
        if (File.Exists(path))
            return _ignore.Excludes(Relative(path)) ? [] : [Relative(path)];
        if (!Directory.Exists(path))
            return [];
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(file => !_ignore.Excludes(file));
    }

    private string Relative(string path) => Path.GetRelativePath(contextDirectory, path).Replace('\\', '/');

    private void Copy(string[] words)
    {
        if (words.Any(word => word.StartsWith("--", StringComparison.Ordinal)))
            throw new NotSupportedException($"COPY {string.Join(' ', words)}: options are not known to this test");
        var (sources, destination) = (words[..^1], words[^1]);
        if (sources.Length > 1 && !destination.EndsWith('/'))
            throw new InvalidDataException($"COPY of several sources needs a destination ending in '/': {destination}");
        foreach (var source in sources)
        {
            var files = ContextFiles(source).ToList();
            if (files.Count == 0)
                throw new FileNotFoundException($"COPY {source}: nothing in the build context (missing, or excluded by .dockerignore)");
            var sourceIsDirectory = Directory.Exists(Path.Combine(contextDirectory, source));
            foreach (var file in files)
            {
                // A directory's contents land in the destination; a file lands in it when it ends in '/', else is it. A later
                // COPY overwrites, as a later layer does.
                var target = sourceIsDirectory
                    ? Path.Combine(OnHost(destination), Path.GetRelativePath(source, file))
                    : destination.EndsWith('/') ? Path.Combine(OnHost(destination), Path.GetFileName(file)) : OnHost(destination);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(contextDirectory, file), target, overwrite: true);
            }
        }
    }

    private async Task RunAsync(string command, TimeSpan patience)
    {
        // Absolute container paths in the command (-o /app) are moved under the stage's root, as Docker's would be.
        var local = Regex.Replace(command, @"(?<=^|\s)/[\w./-]*", match => OnHost(match.Value));
        var start = new ProcessStartInfo("sh", ["-c", local])
        {
            WorkingDirectory = OnHost(_workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A container's build leaves no MSBuild node or compiler server running behind it; neither may this one.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"RUN {command} took longer than {patience}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"RUN {command} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }
}
