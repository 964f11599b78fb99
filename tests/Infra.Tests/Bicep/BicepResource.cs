namespace MedLedger.Infra.Tests.Bicep;

/// <summary>A <c>resource</c> declaration: <c>resource name 'Type@apiVersion' [existing] = [if (...)] [for ...] { body }</c>.</summary>
internal sealed record BicepResource(
    string SymbolicName,
    string Type,
    string ApiVersion,
    bool IsExisting,
    string? Condition,
    bool IsLoop,
    BicepExpression Body,
    IReadOnlyList<BicepDecorator> Decorators,
    int Line)
{
    public BicepExpression? At(string path) => Body.At(path);
}
