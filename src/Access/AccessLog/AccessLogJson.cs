using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Entries;

namespace MedLedger.Access.AccessLog;

/// <summary>
/// Writes a page of a patient's access log as the API answers it:
/// <c>{"patientId","lines":[{"ledgerIndex","eventId","receipt","leafHash","recordedAt","event","operation","actor":{"userKey","organization"},
/// "recordId","consentId","purpose","decision","decidedBy","reason","breakGlass"}],"next"}</c>.
/// </summary>
/// <remarks>
/// <c>event</c> is the line's kind (<c>record-created</c>, <c>record-read</c>, <c>consent-decision</c>,
/// <c>consent-granted</c>, <c>consent-revoked</c>, <c>operation-decision</c>, <c>break-glass-opened</c>); <c>decision</c> is
/// <c>permit</c> or <c>deny</c>; absent facts are <c>null</c>. <c>receipt</c> is the path of the entry's receipt, from
/// which the line can be checked offline against the log's public key.
/// </remarks>
public static class AccessLogJson
{
    /// <summary>Writes one page.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="lines">The page's lines.</param>
    /// <param name="receiptPath">Maps an event id to its receipt path.</param>
    /// <param name="next">The link to the next page, or null on the last page.</param>
    public static byte[] Write(string patientId, IEnumerable<AccessLogLine> lines, Func<string, string> receiptPath, string? next)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(receiptPath);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("patientId", patientId);
            writer.WriteStartArray("lines");
            foreach (var line in lines)
            {
                WriteLine(writer, line, receiptPath);
            }

            writer.WriteEndArray();
            Optional(writer, "next", next);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Gets the wire code of <paramref name="kind"/>.</summary>
    public static string ToCode(AccessLogEventKind kind) => kind switch
    {
        AccessLogEventKind.RecordCreated => "record-created",
        AccessLogEventKind.RecordRead => "record-read",
        AccessLogEventKind.ConsentDecision => "consent-decision",
        AccessLogEventKind.ConsentGranted => "consent-granted",
        AccessLogEventKind.ConsentRevoked => "consent-revoked",
        AccessLogEventKind.OperationDecision => "operation-decision",
        AccessLogEventKind.BreakGlassOpened => "break-glass-opened",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined kind."),
    };

    private static void WriteLine(Utf8JsonWriter writer, AccessLogLine line, Func<string, string> receiptPath)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ledgerIndex", line.LedgerIndex);
        Optional(writer, "eventId", line.EventId);
        Optional(writer, "receipt", line.EventId is { } eventId ? receiptPath(eventId) : null);
        writer.WriteString("leafHash", line.LeafHash.ToBase64());
        writer.WriteString("recordedAt", line.RecordedAt.UtcDateTime.ToString(EntryFormat.TimeFormat, CultureInfo.InvariantCulture));
        writer.WriteString("event", ToCode(line.Kind));
        Optional(writer, "operation", line.Operation?.ToCode());
        writer.WriteStartObject("actor");
        writer.WriteString("userKey", line.ActorUserKey);
        Optional(writer, "organization", line.ActorOrganizationId);
        writer.WriteEndObject();
        Optional(writer, "recordId", line.RecordId);
        Optional(writer, "consentId", line.ConsentId);
        Optional(writer, "purpose", line.Purpose?.ToCode());
        writer.WriteString("decision", line.Outcome.ToCode());
        Optional(writer, "decidedBy", line.DecidedBy);
        Optional(writer, "reason", line.Reason?.ToCode());
        writer.WriteBoolean("breakGlass", line.BreakGlass);
        writer.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
