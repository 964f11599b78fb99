using System.Text.Json;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Entries;

/// <summary>One entry of the log: its exact bytes, their leaf hash, and the fields they hold.</summary>
/// <remarks>
/// The bytes are what is stored and hashed (RFC 9162 §2.1.1 leaf = SHA-256(0x00 ‖ bytes)); they are never
/// re-serialized. Instances come only from <see cref="Parse"/> (which accepts only canonical version-1 bytes) or
/// <see cref="Create"/> (which writes them), so the fields always describe the bytes.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class LedgerEntry
{
    private readonly byte[] _bytes;
    private readonly Range _data;
    private JsonElement? _dataElement;

    private LedgerEntry(byte[] bytes, in ScannedEntry scanned)
    {
        _bytes = bytes;
        _data = scanned.Data;
        LeafHash = MerkleHash.Leaf(bytes);
        Log = EntryFormat.DecodeAscii(bytes.AsSpan(scanned.Log));
        Sequence = scanned.Sequence;
        Time = scanned.Time;
        Type = EntryFormat.DecodeAscii(bytes.AsSpan(scanned.Type));
        Actor = EntryFormat.DecodeAscii(bytes.AsSpan(scanned.Actor));
        Subject = EntryFormat.DecodeAscii(bytes.AsSpan(scanned.Subject));
        EventId = EntryFormat.DecodeAscii(bytes.AsSpan(scanned.EventId));
        Prev = scanned.Prev;
    }

    /// <summary>Gets the entry's bytes, exactly as stored.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Gets the RFC 9162 leaf hash of <see cref="Bytes"/>.</summary>
    public LedgerHash LeafHash { get; }

    /// <summary>Gets the format version (always <see cref="EntryFormat.Version"/>).</summary>
    public int Version => EntryFormat.Version;

    /// <summary>Gets the name of the log the entry belongs to.</summary>
    public string Log { get; }

    /// <summary>Gets the entry's index in its log (field <c>seq</c>).</summary>
    public long Sequence { get; }

    /// <summary>Gets when the log appended the entry (UTC, millisecond precision).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Gets the event type.</summary>
    public string Type { get; }

    /// <summary>Gets the pseudonymous actor.</summary>
    public string Actor { get; }

    /// <summary>Gets the patient pseudonym, or empty.</summary>
    public string Subject { get; }

    /// <summary>Gets the idempotency key.</summary>
    public string EventId { get; }

    /// <summary>Gets the leaf hash of the previous entry (<see cref="LedgerHash.Zero"/> for the first).</summary>
    public LedgerHash Prev { get; }

    /// <summary>Gets the canonical UTF-8 JSON of the type-specific details, as it appears in the bytes.</summary>
    public ReadOnlyMemory<byte> CanonicalData => _bytes.AsMemory(_data);

    /// <summary>Gets the type-specific details.</summary>
    public JsonElement Data
    {
        get
        {
            if (_dataElement is { } element)
            {
                return element;
            }

            using var document = JsonDocument.Parse(CanonicalData);
            var parsed = document.RootElement.Clone();
            _dataElement = parsed;
            return parsed;
        }
    }

    /// <summary>Parses entry bytes, accepting only the canonical version-1 encoding.</summary>
    /// <returns>The entry, or a typed error; never throws for bad input.</returns>
    public static EntryParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        if (EntryScanner.TryScan(bytes, out var scanned))
        {
            return EntryParseResult.Success(new LedgerEntry(bytes.ToArray(), scanned));
        }

        var failure = EntryDiagnostics.Diagnose(bytes);
        if (failure is not null)
        {
            return failure;
        }

        // The diagnostics found the bytes valid and canonical although the scanner did not: trust the slower,
        // spec-literal path (and let tests catch the disagreement).
        System.Diagnostics.Debug.Fail("EntryScanner rejected an entry that EntryDiagnostics accepts.");
        return EntryParseResult.Failure(EntryParseError.NonCanonical, "The entry is not in the form this library writes.");
    }

    /// <summary>Writes a new entry.</summary>
    /// <param name="log">The log name (<see cref="EntryFormat.IsValidLogName(string?)"/>).</param>
    /// <param name="sequence">The entry's index in the log.</param>
    /// <param name="time">The append time; stored in UTC with millisecond precision.</param>
    /// <param name="draft">The caller-supplied fields.</param>
    /// <param name="prev">The leaf hash of the previous entry, or <see cref="LedgerHash.Zero"/> for index 0.</param>
    /// <exception cref="ArgumentException">The log name is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sequence is negative.</exception>
    public static LedgerEntry Create(string log, long sequence, DateTimeOffset time, EntryDraft draft, in LedgerHash prev)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (!EntryFormat.IsValidLogName(log))
        {
            throw new ArgumentException($"'{log}' is not a valid log name.", nameof(log));
        }

        var bytes = EntryWriter.Write(
            log, sequence, time, draft.Type, draft.Actor, draft.Subject, draft.EventId, draft.CanonicalData.Span, prev);
        if (bytes.Length > EntryFormat.MaxEntryBytes)
        {
            throw new ArgumentException(
                $"The entry would be {bytes.Length} bytes; at most {EntryFormat.MaxEntryBytes} are allowed.", nameof(draft));
        }

        if (!EntryScanner.TryScan(bytes, out var scanned))
        {
            throw new System.Diagnostics.UnreachableException("EntryWriter produced bytes that EntryScanner rejects.");
        }

        return new LedgerEntry(bytes, scanned);
    }

    /// <summary>Returns a short description for messages (no data).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Log}#{Sequence} {Type} {EventId}");
}
