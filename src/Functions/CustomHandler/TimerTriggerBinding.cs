namespace MedLedger.Functions.CustomHandler;

/// <summary>A <c>timerTrigger</c> binding.</summary>
/// <param name="Name">The binding name.</param>
/// <param name="Schedule">The NCRONTAB schedule the Functions host follows (six fields, seconds first).</param>
public sealed record TimerTriggerBinding(string Name, string Schedule) : TriggerBinding("timerTrigger", Name);
