using MedLedger.Access.Json;

namespace MedLedger.Access.Consent;

/// <summary>When a consent applies: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), whole seconds, UTC.</summary>
/// <remarks>Half-open, so a consent ending at noon denies a request at exactly noon, and consecutive periods never overlap.</remarks>
public sealed record ConsentPeriod
{
    /// <summary>Creates a period.</summary>
    /// <exception cref="ArgumentException">An instant is not whole seconds in UTC, or <paramref name="start"/> is not before <paramref name="end"/>.</exception>
    public ConsentPeriod(DateTimeOffset start, DateTimeOffset end)
    {
        if (!InstantText.IsWholeSecondUtc(start) || !InstantText.IsWholeSecondUtc(end))
        {
            throw new ArgumentException("Consent period instants must be whole seconds in UTC.", nameof(start));
        }

        if (start >= end)
        {
            throw new ArgumentException("A consent period must start before it ends.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>Gets the first instant the consent applies.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the first instant the consent no longer applies.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Tells whether <paramref name="instant"/> lies in the period.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
