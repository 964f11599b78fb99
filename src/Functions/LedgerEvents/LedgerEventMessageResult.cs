using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Functions.LedgerEvents;

/// <summary>The outcome of decoding a ledger event message: the message, or why it is malformed.</summary>
public sealed class LedgerEventMessageResult
{
    private LedgerEventMessageResult(LedgerEventMessage? message, string? error)
    {
        Message = message;
        Error = error;
    }

    /// <summary>Gets the message, when <see cref="Succeeded"/>.</summary>
    public LedgerEventMessage? Message { get; }

    /// <summary>Gets why the message was refused; names fields, never quotes their values.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the message was decoded and is valid.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Message is not null;

    internal static LedgerEventMessageResult Success(LedgerEventMessage message) => new(message, null);

    internal static LedgerEventMessageResult Failure(string error) => new(null, error);
}
