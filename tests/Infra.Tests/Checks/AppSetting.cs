namespace MedLedger.Infra.Tests.Checks;

/// <summary>One app setting the template writes: its name (or name pattern with <c>{n}</c>) and its value expression.</summary>
internal sealed record AppSetting(string Name, string Value);
