namespace MedLedger.Infra.Tests.Bicep;

/// <summary>A <c>var</c> declaration.</summary>
internal sealed record BicepVariable(string Name, BicepExpression Value, int Line);
