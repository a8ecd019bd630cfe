using CsCheck;

namespace Cycast.Tests.Fuzzing;

internal static class Weighted
{
    /// <summary>
    /// One of the generators, picked by weight. <c>Gen.Frequency</c> given <c>Gen</c>s as they are would take them as
    /// constant values, and generate generators.
    /// </summary>
    public static Gen<T> Of<T>(params (int Weight, Gen<T> Gen)[] choices) =>
        Gen.Frequency([.. choices.Select(choice => (choice.Weight, (IGen<T>)choice.Gen))]);
}
