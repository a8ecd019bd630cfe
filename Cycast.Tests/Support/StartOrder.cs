using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Cycast.Tests.Support.StartOrderer", "Cycast.Tests")]

namespace Cycast.Tests.Support;

/// <summary>
/// A test class whose tests run node clusters for a minute or more: started first, it runs beside the short classes
/// instead of after them, and the suite ends sooner.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>
/// A test class that holds listeners' silences to a bar: started last, it runs beside the suite's last few short classes
/// rather than its heavy cluster classes, so the machine's own stalls do not show up as silences.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsLastAttribute : Attribute;

/// <summary>
/// xunit's own order of test classes, with the <see cref="StartsFirstAttribute"/> ones moved to the front and the
/// <see cref="StartsLastAttribute"/> ones to the back. xunit starts classes in this order, as many at a time as
/// <c>maxParallelThreads</c> in xunit.runner.json.
/// </summary>
public sealed class StartOrderer : ITestCollectionOrderer
{
    // xunit names a class's own collection after the class; a class in a shared collection keeps its place.
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).OrderBy(Rank);

    private static int Rank(ITestCollection collection) => TestClassOf(collection) switch
    {
        { } testClass when testClass.IsDefined(typeof(StartsFirstAttribute), inherit: false) => 0,
        { } testClass when testClass.IsDefined(typeof(StartsLastAttribute), inherit: false) => 2,
        _ => 1,
    };

    private static Type? TestClassOf(ITestCollection collection) =>
        collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
            ? typeof(StartOrderer).Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
            : null;
}
