namespace MedLedger.Infra.Tests.Checks;

/// <summary>One check over the templates: an id, what it enforces, and the findings (empty when it holds).</summary>
internal sealed record InfraRule(string Id, string Summary, Func<InfraTemplates, IEnumerable<string>> Check)
{
    public IReadOnlyList<string> Run(InfraTemplates templates) => [.. Check(templates)];

    public override string ToString() => Id;
}
