namespace MedLedger.Functions.CustomHandler;

/// <summary>The non-HTTP functions of the app; the one list both the HTTP endpoints and the local host are built from.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class TriggerFunctionRegistry
{
    private readonly Dictionary<string, TriggerFunction> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the registry from the registered functions; names must be unique (function names are case-insensitive).</summary>
    public TriggerFunctionRegistry(IEnumerable<TriggerFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            if (!typeof(ITriggerHandler).IsAssignableFrom(function.HandlerType))
            {
                throw new ArgumentException($"Function {function.Name}: {function.HandlerType} is not an {nameof(ITriggerHandler)}.", nameof(functions));
            }

            if (!_byName.TryAdd(function.Name, function))
            {
                throw new ArgumentException($"Function {function.Name} is registered twice.", nameof(functions));
            }
        }

        Functions = [.. _byName.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Gets every function, ordered by name.</summary>
    public IReadOnlyList<TriggerFunction> Functions { get; }

    /// <summary>Finds a function by name, or returns <see langword="null"/>.</summary>
    public TriggerFunction? Find(string name) => _byName.GetValueOrDefault(name);
}
