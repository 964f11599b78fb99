namespace MedLedger.Bench;

/// <summary>One benchmark: measures and prints figures (and ratios against a baseline measured in the same run).</summary>
/// <remarks>Add a benchmark by adding a class; <c>Program</c> finds every implementation by reflection.</remarks>
public interface IBenchmark
{
    /// <summary>Gets the name used on the command line (<c>dotnet run -c Release --project bench/Bench -- NAME</c>).</summary>
    string Name { get; }

    /// <summary>Gets a one-line description for the list.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and writes its figures to <paramref name="output"/>.</summary>
    /// <param name="output">Where figures go (the console).</param>
    /// <param name="quick">When true, uses small sizes so the benchmark itself can be smoke-tested.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task RunAsync(TextWriter output, bool quick, CancellationToken cancellationToken = default);
}
