using Cycast.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cycast.Tests.Architecture;

/// <summary>
/// A project's folders are its layers: where folder A uses a type of folder B, B must not use A, directly or through
/// others. A cycle means neither folder can be read, moved or tested without the other.
/// </summary>
public class FolderDependencyTests
{
    private static readonly CSharpParseOptions Parsing = new(LanguageVersion.Preview);

    /// <summary>Every project but the tests, with the assembly it builds.</summary>
    public static readonly TheoryData<string, string> Projects = new()
    {
        { "Cycast.Shared", "Cycast.Shared" },
        { "Cycast.Actors", "Cycast.Actors" },
        { "Cycast.Node", "Cycast.Node" },
        { "Cycast.Cli", "cycast" },
        { "Cycast.Bench", "Cycast.Bench" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_s_folders_use_one_another_without_a_cycle(string project, string assemblyName)
    {
        var graph = FolderGraph.Read(assemblyName, SourceOf(project), ReferencesOf(project, assemblyName));

        var cycles = FolderCycles.Describe(graph);

        Assert.True(cycles.Count == 0, $"{project}'s folders use one another in a cycle:\n{string.Join("\n", cycles)}");
    }

    /// <summary>
    /// A folder's name says what it holds, and means that in every project: one concept, one name. The tests' folders
    /// are named after what they test, so they repeat these names by design and are not counted.
    /// </summary>
    [Fact]
    public void A_folder_name_means_one_thing_across_the_projects()
    {
        var shared = Projects.Select(row => (string)row[0])
            .SelectMany(project => SourceFolders(Path.Combine(RepoMusic.RepositoryRoot, project))
                .Select(folder => (Name: Path.GetFileName(folder), Place: $"{project}/{folder}")))
            .GroupBy(folder => folder.Name)
            .Where(name => name.Count() > 1)
            .Select(name => string.Join(" and ", name.Select(folder => folder.Place)));

        Assert.Empty(shared);
    }

    [Fact]
    public void A_cycle_through_a_shared_namespace_prefix_is_found_and_named()
    {
        // Neither file has a using line for the other: Demo.Api reaches Demo.Hosting by the prefix they share.
        SyntaxTree[] trees =
        [
            Tree("Api/Status.cs", "namespace Demo.Api; public class Status { public static int Of(Hosting.Start start) => start.Port; }"),
            Tree("Hosting/Start.cs", "namespace Demo.Hosting; public class Start { public int Port => 1; }"),
            Tree("Hosting/Wiring.cs", "namespace Demo.Hosting; public class Wiring { public int Port() { var start = new Start(); return Api.Status.Of(start); } }"),
            Tree("Wiring.cs", "namespace Demo; public class Root { public int Port() => new Hosting.Wiring().Port(); }"),
        ];

        var cycles = FolderCycles.Describe(FolderGraph.Read("Demo", trees, FrameworkReferences()));

        var cycle = Assert.Single(cycles);
        Assert.StartsWith("Api → Hosting → Api\n", cycle);
        Assert.Contains("Api/Status.cs:1 uses Demo.Hosting.Start", cycle);
        Assert.Contains("Hosting/Wiring.cs:1 uses Demo.Api.Status", cycle);
    }

    /// <summary>The folders below <paramref name="directory"/> that hold C# files, relative to it, build output aside.</summary>
    private static IEnumerable<string> SourceFolders(string directory) =>
        Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories)
            .Select(folder => Path.GetRelativePath(directory, folder))
            .Where(folder => folder.Split('/')[0] is not ("bin" or "obj"))
            .Where(folder => Directory.EnumerateFiles(Path.Combine(directory, folder), "*.cs").Any());

    private static SyntaxTree Tree(string path, string text) => CSharpSyntaxTree.ParseText(text, Parsing, path);

    /// <summary>The project's own files, with paths relative to its directory, and the implicit usings its build generated.</summary>
    private static List<SyntaxTree> SourceOf(string project)
    {
        var directory = Path.Combine(RepoMusic.RepositoryRoot, project);
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => Tree(path, File.ReadAllText(Path.Combine(directory, path))))
            .ToList();
        var globalUsings = Path.Combine(directory, "obj", Configuration, TargetFramework, $"{project}.GlobalUsings.g.cs");
        Assert.True(File.Exists(globalUsings), $"no {globalUsings}: build the solution ({Configuration}) before this test");
        trees.Add(Tree(Path.Combine("obj", "GlobalUsings.g.cs"), File.ReadAllText(globalUsings)));
        return trees;
    }

    /// <summary>What the test process runs on (framework, packages, the other Cycast projects) and the project's own output (e.g. ScottPlot for the bench), without the project itself.</summary>
    private static IEnumerable<MetadataReference> ReferencesOf(string project, string assemblyName)
    {
        var output = Path.Combine(RepoMusic.RepositoryRoot, project, "bin", Configuration, TargetFramework);
        var assemblies = TrustedPlatformAssemblies()
            .Concat(Directory.Exists(output) ? Directory.EnumerateFiles(output, "*.dll") : [])
            .Where(file => Path.GetFileNameWithoutExtension(file) != assemblyName)
            .DistinctBy(Path.GetFileName);
        return assemblies.Select(file => MetadataReference.CreateFromFile(file));
    }

    private static IEnumerable<MetadataReference> FrameworkReferences() =>
        TrustedPlatformAssemblies()
            .Where(file => Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal))
            .Select(file => MetadataReference.CreateFromFile(file));

    private static string[] TrustedPlatformAssemblies() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);

    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The tests' own build, e.g. bin/Release/net10.0: the projects under test were built the same way.</summary>
    private static string TargetFramework => TestOutput.Name;

    private static string Configuration => TestOutput.Parent!.Name;
}
