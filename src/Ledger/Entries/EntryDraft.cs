using System.Text.Json;
using MedLedger.Ledger.Storage;

namespace MedLedger.Ledger.Entries;

/// <summary>What a caller asks the log to record: everything of an entry except what the log assigns.</summary>
/// <remarks>
/// The appender adds the log name, sequence number, time and <c>prev</c>. The subject, when not empty, is indexed
/// automatically; <see cref="IndexKeys"/> adds further index keys (for example the record id).
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class EntryDraft
{
    private readonly byte[] _canonicalData;

    /// <summary>Creates a draft and checks every field against <see cref="EntryFormat"/>.</summary>
    /// <param name="type">The event type, for example <c>record.created</c> (<see cref="EntryFormat.IsValidEventType(string?)"/>).</param>
    /// <param name="actor">Who acted, as a pseudonymous identifier.</param>
    /// <param name="subject">The patient pseudonym the event concerns, or empty. Never personal data.</param>
    /// <param name="eventId">The idempotency key: appending the same event id twice records it once.</param>
    /// <param name="data">A JSON object with the type-specific details; it must be representable as canonical JSON.</param>
    /// <exception cref="ArgumentException">A field breaks its rule, or <paramref name="data"/> is not a canonical-JSON object.</exception>
    public EntryDraft(string type, string actor, string subject, string eventId, JsonElement data)
    {
        Require(EntryFormat.IsValidEventType(type), nameof(type), "is not a valid event type (lowercase dot-separated segments, e.g. record.created)");
        Require(EntryFormat.IsValidIdentifier(actor), nameof(actor), "is not a valid identifier");
        Require(EntryFormat.IsValidSubject(subject), nameof(subject), "is not empty or a valid identifier");
        Require(EntryFormat.IsValidIdentifier(eventId), nameof(eventId), "is not a valid identifier");
        Require(data.ValueKind == JsonValueKind.Object, nameof(data), "is not a JSON object");
        Type = type;
        Actor = actor;
        Subject = subject;
        EventId = eventId;
        _canonicalData = CanonicalJson.Serialize(data);
        Data = data.Clone();
    }

    /// <summary>Gets the event type.</summary>
    public string Type { get; }

    /// <summary>Gets the pseudonymous actor.</summary>
    public string Actor { get; }

    /// <summary>Gets the patient pseudonym, or empty.</summary>
    public string Subject { get; }

    /// <summary>Gets the idempotency key.</summary>
    public string EventId { get; }

    /// <summary>Gets the type-specific details.</summary>
    public JsonElement Data { get; }

    /// <summary>Gets the canonical UTF-8 JSON of <see cref="Data"/>, exactly as it will appear in the entry.</summary>
    public ReadOnlyMemory<byte> CanonicalData => _canonicalData;

    /// <summary>Gets further index keys (beyond the subject) that must point at the entry.</summary>
    /// <exception cref="ArgumentException">A key's value is not a valid identifier.</exception>
    public IReadOnlyList<LogIndexKey> IndexKeys
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var key in value)
            {
                Require(EntryFormat.IsValidIdentifier(key.Value), nameof(IndexKeys), $"holds the key '{key.Value}', which is not a valid identifier");
            }

            field = [.. value];
        }
    } = [];

    private static void Require(bool condition, string parameter, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"The {parameter} {problem}.", parameter);
        }
    }
}
