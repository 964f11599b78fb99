using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using MedLedger.Functions.LedgerEvents;
using MedLedger.Ledger.Entries;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// The <c>data</c> member of the app's ledger entries, built from a queue message and read back for record reads.
/// </summary>
/// <remarks>
/// <c>record.created</c>: <c>recordId</c>, <c>blobName</c>, <c>ciphertextSha256</c>, <c>keyId</c>, <c>category</c>,
/// <c>contentType</c>, <c>organization</c> (the submitting clinic), <c>serviceDate</c> when given, <c>occurredAt</c>
/// (docs/ledger-events.md). <c>record.read</c>: <c>recordId</c>, <c>occurredAt</c>, and <c>purpose</c> when
/// given. <c>access.denied</c>: <c>reason</c>, <c>occurredAt</c>, and <c>recordId</c> and <c>purpose</c> when given.
/// <c>occurredAt</c> is when intake saw the event (UTC, milliseconds); the entry's own <c>time</c> is when the log
/// appended it. Nothing here is personal data: the patient appears only as the entry's pseudonymous subject.
/// </remarks>
internal static class LedgerEntryData
{
    /// <summary>Builds the entry data of <paramref name="message"/> (already validated by the codec).</summary>
    public static JsonElement From(LedgerEventMessage message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Write(writer, "recordId", message.RecordId);
            Write(writer, "blobName", message.BlobName);
            Write(writer, "ciphertextSha256", message.CiphertextSha256);
            Write(writer, "keyId", message.KeyId);
            Write(writer, "category", message.Category);
            Write(writer, "contentType", message.ContentType);
            Write(writer, "purpose", message.Purpose);
            Write(writer, "reason", message.Reason);
            Write(writer, "organization", message.Organization);
            Write(writer, "serviceDate", message.ServiceDate);
            writer.WriteString("occurredAt", message.OccurredAt.UtcDateTime.ToString(EntryFormat.TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Reads the creation facts of a record from its <c>record.created</c> entry.</summary>
    /// <returns>False when the entry is not the creation of <paramref name="recordId"/> or lacks a field.</returns>
    public static bool TryReadCreation(LedgerEntry entry, string recordId, [NotNullWhen(true)] out RecordCreation? creation)
    {
        creation = null;
        if (entry.Type != LedgerEventTypes.RecordCreated)
        {
            return false;
        }

        var data = entry.Data;
        if (Text(data, "recordId") != recordId ||
            Text(data, "blobName") is not { } blobName ||
            Text(data, "ciphertextSha256") is not { } sha256 ||
            Text(data, "keyId") is not { } keyId ||
            Text(data, "category") is not { } category ||
            Text(data, "contentType") is not { } contentType)
        {
            return false;
        }

        DateOnly? serviceDate = null;
        if (Text(data, "serviceDate") is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            serviceDate = date;
        }

        creation = new RecordCreation(entry.Log, entry.Sequence, entry.Subject, recordId, blobName, sha256, keyId, category, contentType)
        {
            Organization = Text(data, "organization"),
            ServiceDate = serviceDate,
        };
        return true;
    }

    private static void Write(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
