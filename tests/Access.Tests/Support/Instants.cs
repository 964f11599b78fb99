namespace MedLedger.Access.Tests.Support;

/// <summary>Fixed instants for tests.</summary>
internal static class Instants
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
