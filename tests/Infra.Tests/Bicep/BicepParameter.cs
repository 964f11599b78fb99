namespace MedLedger.Infra.Tests.Bicep;

/// <summary>A <c>param</c> declaration (in a template: with a type; in a parameter file: with a value).</summary>
internal sealed record BicepParameter(string Name, string Type, BicepExpression? Value, IReadOnlyList<BicepDecorator> Decorators, int Line)
{
    /// <summary>A template parameter that must be given: no default value and not nullable.</summary>
    public bool IsRequired => Value is null && !Type.EndsWith('?');

    public BicepDecorator? Decorator(string name) => Decorators.SingleOrDefault(d => d.Name == name);
}
