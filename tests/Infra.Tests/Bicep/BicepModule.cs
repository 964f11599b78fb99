namespace MedLedger.Infra.Tests.Bicep;

/// <summary>A <c>module</c> declaration: <c>module name 'path' = { name: ..., params: { ... } }</c>.</summary>
internal sealed record BicepModule(string SymbolicName, string Path, string? Condition, bool IsLoop, BicepExpression Body, int Line)
{
    /// <summary>The names of the parameters passed in <c>params</c>.</summary>
    public IReadOnlyList<string> PassedParameters =>
        Body.At("params") is { IsObject: true } parameters ? parameters.Properties.Select(p => p.Key).ToList() : [];
}
