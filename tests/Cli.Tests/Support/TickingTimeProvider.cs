namespace MedLedger.Cli.Tests.Support;

/// <summary>A clock that moves forward by a fixed step every time it is read, so throttled output appears deterministically.</summary>
internal sealed class TickingTimeProvider(TimeSpan step) : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, step.Ticks), TimeSpan.Zero);
}
