namespace MedLedger.Infra.Tests.Bicep;

/// <summary>An <c>import { a, b } from 'path'</c> declaration.</summary>
internal sealed record BicepImport(IReadOnlyList<string> Names, string Path, int Line);
