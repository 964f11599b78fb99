using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Json;
using MedLedger.Ledger.Entries;

namespace MedLedger.Access.Consent;

/// <summary>
/// Writes a patient's consents as the API answers them:
/// <c>{"patientId","asOf","consents":[{"consentId","status","grantee":{"kind","id"},"actions","purposes","categories",
/// "period":{"start","end"},"recordedAt","grantedBy","revokedAt","termsSha256"}]}</c>, ordered by consent id.
/// </summary>
/// <remarks><c>status</c> is where the grant stands at <c>asOf</c>: <c>active</c>, <c>revoked</c>, <c>expired</c> or <c>not-yet-active</c>.</remarks>
public static class ConsentListJson
{
    /// <summary>Writes <paramref name="state"/> as of <paramref name="asOf"/>.</summary>
    public static byte[] Write(ConsentState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("patientId", state.PatientId);
            writer.WriteString("asOf", Millis(asOf));
            writer.WriteStartArray("consents");
            foreach (var grant in state.Grants.Where(g => g.RecordedAt <= asOf))
            {
                WriteGrant(writer, state, grant, asOf);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Gets the wire code of <paramref name="status"/>.</summary>
    public static string ToCode(GrantStatus status) => status switch
    {
        GrantStatus.Active => "active",
        GrantStatus.Revoked => "revoked",
        GrantStatus.Expired => "expired",
        GrantStatus.NotYetActive => "not-yet-active",
        GrantStatus.NotYetRecorded => "not-yet-recorded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined status."),
    };

    private static void WriteGrant(Utf8JsonWriter writer, ConsentState state, ConsentGrant grant, DateTimeOffset asOf)
    {
        var terms = grant.Terms;
        writer.WriteStartObject();
        writer.WriteString("consentId", grant.ConsentId);
        writer.WriteString("status", ToCode(state.StatusAt(grant, asOf)));
        writer.WriteStartObject("grantee");
        writer.WriteString("kind", terms.Grantee.KindCode);
        writer.WriteString("id", terms.Grantee.Id);
        writer.WriteEndObject();
        Codes(writer, "actions", terms.Actions.Select(a => a.ToCode()));
        Codes(writer, "purposes", terms.Purposes.Select(p => p.ToCode()));
        Codes(writer, "categories", terms.CategoryCodes);
        writer.WriteStartObject("period");
        writer.WriteString("start", InstantText.Format(terms.Period.Start));
        writer.WriteString("end", InstantText.Format(terms.Period.End));
        writer.WriteEndObject();
        writer.WriteString("recordedAt", Millis(grant.RecordedAt));
        writer.WriteString("grantedBy", grant.GrantedBy);
        if (state.RevokedAt(grant.ConsentId) is { } revoked && revoked <= asOf)
        {
            writer.WriteString("revokedAt", Millis(revoked));
        }
        else
        {
            writer.WriteNull("revokedAt");
        }

        writer.WriteString("termsSha256", terms.ComputeHash().ToHex());
        writer.WriteEndObject();
    }

    private static void Codes(Utf8JsonWriter writer, string name, IEnumerable<string> codes)
    {
        writer.WriteStartArray(name);
        foreach (var code in codes)
        {
            writer.WriteStringValue(code);
        }

        writer.WriteEndArray();
    }

    private static string Millis(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(EntryFormat.TimeFormat, CultureInfo.InvariantCulture);
}
