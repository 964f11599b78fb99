using System.Diagnostics.CodeAnalysis;

namespace MedLedger.Ledger.Entries;

/// <summary>The outcome of <see cref="LedgerEntry.Parse"/>: the entry, or a typed reason it was rejected.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class EntryParseResult
{
    private EntryParseResult(LedgerEntry? entry, EntryParseError error, string? field, string message)
    {
        Entry = entry;
        Error = error;
        Field = field;
        Message = message;
    }

    /// <summary>Gets whether the bytes are a valid, canonical entry.</summary>
    [MemberNotNullWhen(true, nameof(Entry))]
    public bool IsSuccess => Error == EntryParseError.None;

    /// <summary>Gets the parsed entry, or <see langword="null"/> when parsing failed.</summary>
    public LedgerEntry? Entry { get; }

    /// <summary>Gets why parsing failed (<see cref="EntryParseError.None"/> on success).</summary>
    public EntryParseError Error { get; }

    /// <summary>Gets the name of the field the error is about, when it is about one field.</summary>
    public string? Field { get; }

    /// <summary>Gets a human-readable explanation (empty on success).</summary>
    public string Message { get; }

    internal static EntryParseResult Success(LedgerEntry entry) => new(entry, EntryParseError.None, null, string.Empty);

    internal static EntryParseResult Failure(EntryParseError error, string message, string? field = null) =>
        new(null, error, field, message);

    /// <summary>Returns the message, or "valid" on success.</summary>
    public override string ToString() => IsSuccess ? "valid" : $"{Error}: {Message}";
}
