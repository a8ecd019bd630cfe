using System.Text.Json;
using Cycast.Tests.Cluster;
using Cycast.Tests.Support;

namespace Cycast.Tests.Deployment;

/// <summary>
/// There is no Docker engine here, so the image's build stage runs as Docker would run it: in an empty directory
/// holding only what its COPY lines copy from the repository (after .dockerignore), then its RUN lines.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = RepoMusic.RepositoryRoot;
    private static readonly TimeSpan StepPatience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_build_stage_restores_and_publishes_the_node_from_exactly_what_it_copies()
    {
        var stages = Dockerfile.Stages(Path.Combine(Root, "Dockerfile"));
        var build = Assert.Single(stages, stage => stage.Name == "build");
        var directory = Directory.CreateTempSubdirectory("cycast-docker-build-");
        try
        {
            var stage = new DockerBuildStage(Root, directory.FullName);
            await stage.RunAsync(build, StepPatience);

            // The runtime stage takes the build's output and runs what its ENTRYPOINT names from it.
            var runtime = stages[^1];
            var fromBuild = Assert.Single(runtime.Instructions, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
            var published = stage.OnHost(fromBuild.Words[1]);
            var entrypoint = JsonSerializer.Deserialize<string[]>(Assert.Single(runtime.Instructions, i => i.Keyword == "ENTRYPOINT").Arguments)!;
            var program = stage.OnHost(Assert.Single(entrypoint));
            Assert.True(File.Exists(program), $"the ENTRYPOINT {entrypoint[0]} is not in the published output");
            Assert.True(File.Exists(Path.Combine(published, "hocon", "cycast.hocon")), "the published node has no hocon/cycast.hocon");
            // Under systemd the published node can tell systemd it is ready (deploy/cycast.service is Type=notify).
            Assert.True(File.Exists(Path.Combine(published, "Microsoft.Extensions.Hosting.Systemd.dll")), "the published node lacks the systemd integration");

            // The image's program is trimmed: what trimming took away must not be anything a station uses.
            await AssertStreamsAsync(program);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>An encoder, a decoding listener and the status JSON, all against the published program.</summary>
    private static async Task AssertStreamsAsync(string program)
    {
        await using var node = ClusterNode.Start(new StationOptions(), "127.0.0.1", FreePort.Next(), [], secret: null, program: program);
        await node.WhenServingAsync(StepPatience);
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=60 -c:a libmp3lame -b:a 128k " +
            $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{node.SourcePort}/stream");
        await node.WaitUntilAsync(async () => (await Continuity.StatusAsync(node)).Status == "Connected", StepPatience);

        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i http://127.0.0.1:{node.ListenPort}/stream -t 3 -f null -");
        Assert.Equal((0, "", ""), await decoder.ExitAsync());
        using var http = new HttpClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/status-json.xsl"));
        Assert.Equal("/stream", new Uri(status.RootElement.GetProperty("icestats").GetProperty("source").GetProperty("listenurl").GetString()!).AbsolutePath);
    }

    [Fact]
    public async Task A_build_stage_that_leaves_out_the_central_package_versions_fails_its_restore()
    {
        // The check above must be able to fail: this is the Dockerfile as it was before issue 22.
        var directory = Directory.CreateTempSubdirectory("cycast-docker-broken-");
        try
        {
            var broken = Path.Combine(directory.FullName, "Dockerfile");
            var text = await File.ReadAllTextAsync(Path.Combine(Root, "Dockerfile"));
            Assert.Contains("COPY Directory.Build.props Directory.Packages.props .editorconfig ./", text);
            await File.WriteAllTextAsync(broken, text.Replace("COPY Directory.Build.props Directory.Packages.props .editorconfig ./", "COPY Directory.Build.props ./"));
            var build = Assert.Single(Dockerfile.Stages(broken), stage => stage.Name == "build");
            var stage = new DockerBuildStage(Root, Path.Combine(directory.FullName, "root"));

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stage.RunAsync(build, StepPatience));
            Assert.Contains("RUN dotnet restore", failure.Message);
            Assert.Contains("NU1015", failure.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_context_leaves_out_local_build_output_tests_and_git()
    {
        var stage = new DockerBuildStage(Root, Path.GetTempPath());
        // This test runs from a build of the repository, so there is local output to keep out.
        Assert.True(Directory.Exists(Path.Combine(Root, "Cycast.Node", "obj")), "no local Cycast.Node/obj to check against");

        var node = stage.ContextFiles("Cycast.Node/").ToList();
        Assert.Contains("Cycast.Node/Program.cs", node);
        Assert.DoesNotContain(node, file => file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal));
        Assert.Empty(stage.ContextFiles("Cycast.Tests/"));
        Assert.Empty(stage.ContextFiles(".git"));
        Assert.NotEmpty(stage.ContextFiles("music/"));
    }

    [Fact]
    public void Every_file_the_runtime_stage_copies_from_the_repository_is_in_the_context()
    {
        var runtime = Dockerfile.Stages(Path.Combine(Root, "Dockerfile"))[^1];
        var stage = new DockerBuildStage(Root, Path.GetTempPath());
        var copies = runtime.Instructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var source in copies.SelectMany(copy => copy.Words[..^1]))
            Assert.True(stage.ContextFiles(source).Any(), $"COPY {source}: nothing in the build context");
    }
}
