using MedLedger.Testing.Time;

namespace MedLedger.Functions.Tests.Support;

/// <summary>The fake clock, plus a count of the periodic timers created on it (so a test knows a timer exists before it moves time).</summary>
public sealed class CountingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private int _periodicTimers;

    public int PeriodicTimersCreated => Volatile.Read(ref _periodicTimers);

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _periodicTimers);
        }

        return clock.CreateTimer(callback, state, dueTime, period);
    }
}
