using System.Reflection;
using MedLedger.Bench;

// Usage: dotnet run -c Release --project bench/Bench -- [--quick] [NAME ...]   (no names: run all)
var quick = args.Contains("--quick");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Contains("--list"))
{
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"{b.Name,-28} {b.Description}");
    }

    return 0;
}

var unknown = names.Where(n => benchmarks.All(b => !b.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Use --list.");
    return 1;
}

foreach (var benchmark in benchmarks.Where(b => names.Count == 0 || names.Contains(b.Name)))
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    await benchmark.RunAsync(Console.Out, quick);
    Console.WriteLine();
}

return 0;
