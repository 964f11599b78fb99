namespace MedLedger.Functions.CustomHandler;

/// <summary>The outcome of one invocation and the log lines that explain it.</summary>
public sealed class TriggerResult
{
    private TriggerResult(bool succeeded, IReadOnlyList<string> logs)
    {
        if (logs.Count == 0)
        {
            throw new ArgumentException("An invocation result needs at least one log line.", nameof(logs));
        }

        Succeeded = succeeded;
        Logs = logs;
    }

    /// <summary>Gets a value indicating whether the invocation succeeded (the message may be deleted).</summary>
    public bool Succeeded { get; }

    /// <summary>Gets the log lines: no secrets, no patient data.</summary>
    public IReadOnlyList<string> Logs { get; }

    /// <summary>Creates a success.</summary>
    public static TriggerResult Success(params string[] logs) => new(true, logs);

    /// <summary>Creates a failure: the host answers non-2xx, retries, and poisons after the last attempt.</summary>
    public static TriggerResult Failure(params string[] logs) => new(false, logs);
}
