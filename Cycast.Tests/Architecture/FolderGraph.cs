using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cycast.Tests.Architecture;

/// <summary>
/// Which folder of one project uses a type declared in which other folder, read by binding the project's source with
/// Roslyn. Every name and every expression is bound, so a use counts even where no <c>using</c> line shows it
/// (a sibling namespace under the same prefix, <c>var</c>, a lambda's parameter, a constant, <c>nameof</c>).
/// </summary>
internal sealed class FolderGraph
{
    /// <summary>The folder of files directly in the project directory.</summary>
    public const string ProjectRoot = "(project root)";

    private readonly Dictionary<string, Dictionary<string, string>> _uses = [];

    private FolderGraph() { }

    public IEnumerable<string> Folders => _uses.Keys;

    /// <summary>The folders <paramref name="folder"/> uses, each with the first place that shows it.</summary>
    public IReadOnlyDictionary<string, string> UsesOf(string folder) =>
        _uses.TryGetValue(folder, out var used) ? used : new Dictionary<string, string>();

    /// <summary>
    /// Binds <paramref name="trees"/>, whose paths are relative to the project directory, against
    /// <paramref name="references"/>. Fails when a name does not bind, since an unbound name could hide a use.
    /// </summary>
    public static FolderGraph Read(string assemblyName, IReadOnlyList<SyntaxTree> trees, IEnumerable<MetadataReference> references)
    {
        var program = trees.Any(tree => tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(assemblyName, trees, references,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        var unbound = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !NotAboutBinding.Contains(d.Id))
            .Take(10)
            .ToList();
        Assert.True(unbound.Count == 0,
            $"{assemblyName}: the source does not bind, so uses could be missed:\n{string.Join("\n", unbound)}");

        var graph = new FolderGraph();
        foreach (var tree in trees)
        {
            var from = FolderOf(tree);
            graph._uses.TryAdd(from, []);
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var symbolInfo = model.GetSymbolInfo(node);
                var typeInfo = model.GetTypeInfo(node);
                IEnumerable<ISymbol?> used = [symbolInfo.Symbol, .. symbolInfo.CandidateSymbols, typeInfo.Type, typeInfo.ConvertedType];
                foreach (var type in used.SelectMany(DeclaringTypes))
                {
                    foreach (var to in FoldersDeclaring(type, compilation).Where(to => to != from))
                    {
                        var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        graph._uses[from].TryAdd(to, $"{tree.FilePath}:{line} uses {type.ToDisplayString()}");
                    }
                }
            }
        }
        return graph;
    }

    /// <summary>
    /// Errors that leave every name bound: a source generator (LoggerMessage, GeneratedRegex) did not run here, but
    /// the partial member it would implement is declared (CS8795, CS9248); definite assignment through a pointer,
    /// judged here against the runtime's assemblies rather than the reference assemblies the build uses (CS0170).
    /// </summary>
    private static readonly HashSet<string> NotAboutBinding = ["CS8795", "CS9248", "CS0170"];

    public static string FolderOf(SyntaxTree tree)
    {
        var folder = Path.GetDirectoryName(tree.FilePath)?.Replace('\\', '/');
        return string.IsNullOrEmpty(folder) ? ProjectRoot : folder;
    }

    /// <summary>The top-level types a symbol stands for: itself, the type that declares it, its element and type arguments.</summary>
    private static IEnumerable<INamedTypeSymbol> DeclaringTypes(ISymbol? symbol) => symbol switch
    {
        null => [],
        IArrayTypeSymbol array => DeclaringTypes(array.ElementType),
        IPointerTypeSymbol pointer => DeclaringTypes(pointer.PointedAtType),
        INamedTypeSymbol named => [TopLevel(named), .. named.TypeArguments.SelectMany(DeclaringTypes)],
        ITypeSymbol => [],
        _ => DeclaringTypes(symbol.ContainingType),
    };

    private static INamedTypeSymbol TopLevel(INamedTypeSymbol type)
    {
        while (type.ContainingType is { } outer)
            type = outer;
        return type.OriginalDefinition;
    }

    private static IEnumerable<string> FoldersDeclaring(INamedTypeSymbol type, Compilation compilation) =>
        type.DeclaringSyntaxReferences
            .Where(reference => compilation.ContainsSyntaxTree(reference.SyntaxTree))
            .Select(reference => FolderOf(reference.SyntaxTree))
            .Distinct();
}
