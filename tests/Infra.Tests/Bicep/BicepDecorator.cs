namespace MedLedger.Infra.Tests.Bicep;

/// <summary>A decorator such as <c>@minLength(3)</c>: its name and its argument text.</summary>
internal sealed record BicepDecorator(string Name, BicepExpression Arguments);
