using System.Text;
using MedLedger.Functions.LedgerEvents;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Valid ledger event messages and their queue encodings.</summary>
public static class LedgerEventSamples
{
    public static LedgerEventMessage RecordCreated(string eventId = "evt-0001") => new()
    {
        EventId = eventId,
        Log = "ledger-0",
        Type = LedgerEventTypes.RecordCreated,
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Actor = "clinician:org-17:u-42",
        Subject = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        RecordId = "rec-7f3a",
        BlobName = "records/ledger-0/rec-7f3a",
        CiphertextSha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
        KeyId = "https://medledger-test.vault.azure.net/keys/record-wrapping/0123456789abcdef",
        Category = "general",
        ContentType = "application/fhir+json",
    };

    public static LedgerEventMessage RecordRead(string eventId = "evt-0002") => new()
    {
        EventId = eventId,
        Log = "ledger-0",
        Type = LedgerEventTypes.RecordRead,
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero),
        Actor = "clinician:org-17:u-42",
        Subject = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        RecordId = "rec-7f3a",
        Purpose = "TREAT",
    };

    public static LedgerEventMessage AccessDenied(string eventId = "evt-0003") => new()
    {
        EventId = eventId,
        Log = "ledger-0",
        Type = LedgerEventTypes.AccessDenied,
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 7, TimeSpan.Zero),
        Actor = "insurer:org-9:u-3",
        Subject = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        RecordId = "rec-7f3a",
        Reason = "no-consent",
    };

    /// <summary>The message text as intake enqueues it (UTF-8 JSON).</summary>
    public static string Text(LedgerEventMessage message) => Encoding.UTF8.GetString(LedgerEventMessageCodec.Encode(message));

    /// <summary>The stored queue text under host.json's base64 encoding.</summary>
    public static string Base64(LedgerEventMessage message) => Convert.ToBase64String(LedgerEventMessageCodec.Encode(message));
}
