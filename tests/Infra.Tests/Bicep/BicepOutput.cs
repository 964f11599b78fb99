namespace MedLedger.Infra.Tests.Bicep;

/// <summary>An <c>output</c> declaration.</summary>
internal sealed record BicepOutput(string Name, string Type, BicepExpression Value, IReadOnlyList<BicepDecorator> Decorators, int Line);
