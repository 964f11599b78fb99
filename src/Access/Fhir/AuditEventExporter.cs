using System.Globalization;
using System.Text.Json;
using MedLedger.Access.AccessLog;
using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Policy;

namespace MedLedger.Access.Fhir;

/// <summary>
/// Writes access-log lines as FHIR R4 <c>AuditEvent</c> resources in the style of IHE BALP (Basic Audit Log Patterns),
/// with the ledger entry each line comes from, so every event can be checked against a receipt.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>line</term><description>type / subtype, action</description></listheader>
/// <item><term>record read</term><description>audit-event-type <c>rest</c> / restful-interaction <c>read</c>, R</description></item>
/// <item><term>record created</term><description><c>rest</c> / <c>create</c>, C</description></item>
/// <item><term>consent decision</term><description>DICOM 110113 Security Alert / BALP <c>AuthZ-Consent</c>, E</description></item>
/// <item><term>consent granted</term><description><c>rest</c> / <c>create</c> (a Consent), C</description></item>
/// <item><term>consent revoked</term><description><c>rest</c> / <c>update</c> (a Consent, now inactive), U</description></item>
/// </list>
/// Outcome <c>0</c> for permitted or performed, <c>8</c> for denied (as BALP's deny example), with the reason code in
/// <c>outcomeDesc</c>. Agents: the user (identifier in <see cref="FhirSystems.UserKey"/>, requestor, purposeOfUse)
/// and their organization. Entities: the patient, the record or consent concerned, and the ledger entry with
/// <c>detail</c> <c>ledger-index</c>, <c>leaf-hash</c> (base64) and, for decisions, <c>decided-by</c>, <c>reason</c>
/// and <c>break-glass</c>. These resources follow BALP's patterns; they do not claim conformance to a BALP profile.
/// </remarks>
public static class AuditEventExporter
{
    /// <summary>The observer named in every event's source.</summary>
    public const string ObserverDisplay = "MedLedger";

    /// <summary>Writes one AuditEvent.</summary>
    public static byte[] Export(AccessLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return FhirJson.Write(writer => Write(writer, line));
    }

    /// <summary>Writes a <c>Bundle</c> of type <c>collection</c> holding one AuditEvent per line, in the order given.</summary>
    public static byte[] ExportBundle(IEnumerable<AccessLogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return FhirJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", "collection");
            writer.WriteStartArray("entry");
            foreach (var line in lines)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("resource");
                Write(writer, line);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void Write(Utf8JsonWriter writer, AccessLogLine line)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceType", "AuditEvent");
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"ledger-{line.LedgerIndex}"));
        WriteType(writer, line);
        writer.WriteString("recorded", FhirJson.Instant(line.RecordedAt));
        writer.WriteString("outcome", line.Outcome == DecisionOutcome.Permit ? "0" : "8");
        if (line.Reason is { } reason)
        {
            writer.WriteString("outcomeDesc", reason.ToCode());
        }

        if (line.Purpose is { } purpose)
        {
            writer.WriteStartArray("purposeOfEvent");
            FhirJson.CodeableConcept(writer, FhirSystems.ActReason, purpose.ToCode());
            writer.WriteEndArray();
        }

        WriteAgents(writer, line);
        writer.WriteStartObject("source");
        writer.WriteStartObject("observer");
        writer.WriteString("display", ObserverDisplay);
        writer.WriteEndObject();
        writer.WriteStartArray("type");
        FhirJson.Coding(writer, FhirSystems.SecuritySourceType, "4", "Application Server");
        writer.WriteEndArray();
        writer.WriteEndObject();
        WriteEntities(writer, line);
        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, AccessLogLine line)
    {
        var (typeSystem, typeCode, typeDisplay, subtypeSystem, subtypeCode, action) = line.Kind switch
        {
            AccessLogEventKind.RecordRead => Rest("read", "R"),
            AccessLogEventKind.RecordCreated or AccessLogEventKind.ConsentGranted => Rest("create", "C"),
            AccessLogEventKind.ConsentRevoked => Rest("update", "U"),
            AccessLogEventKind.ConsentDecision => (FhirSystems.Dicom, "110113", "Security Alert", FhirSystems.BalpAuthorizationSubtype, "AuthZ-Consent", "E"),
            AccessLogEventKind.BreakGlassOpened => (FhirSystems.Dicom, "110113", "Security Alert", FhirSystems.ActReason, PurposeOfUse.EmergencyTreatment.ToCode(), "E"),
            AccessLogEventKind.OperationDecision => line.Operation switch
            {
                AccessOperation.ReadAccessLog or AccessOperation.ListConsents => Rest("search-type", "E"),
                AccessOperation.SubmitRecord or AccessOperation.GrantConsent => Rest("create", "C"),
                AccessOperation.RevokeConsent => Rest("update", "U"),
                AccessOperation.ReadRecord => Rest("read", "R"),
                AccessOperation.VerifyClaim => (FhirSystems.Dicom, "110113", "Security Alert", FhirSystems.BalpAuthorizationSubtype, "AuthZ-Consent", "E"),
                _ => Rest("operation", "E"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(line), line.Kind, "Not a defined event kind."),
        };
        writer.WritePropertyName("type");
        FhirJson.Coding(writer, typeSystem, typeCode, typeDisplay);
        writer.WriteStartArray("subtype");
        FhirJson.Coding(writer, subtypeSystem, subtypeCode);
        writer.WriteEndArray();
        writer.WriteString("action", action);
    }

    private static (string, string, string, string, string, string) Rest(string interaction, string action) =>
        (FhirSystems.AuditEventType, "rest", "RESTful Operation", FhirSystems.RestfulInteraction, interaction, action);

    private static void WriteAgents(Utf8JsonWriter writer, AccessLogLine line)
    {
        writer.WriteStartArray("agent");
        writer.WriteStartObject();
        writer.WritePropertyName("type");
        FhirJson.CodeableConcept(writer, FhirSystems.ParticipationType, "IRCP", "information recipient");
        writer.WritePropertyName("who");
        FhirJson.IdentifierReference(writer, FhirSystems.UserKey, line.ActorUserKey);
        writer.WriteBoolean("requestor", true);
        if (line.Purpose is { } purpose)
        {
            writer.WriteStartArray("purposeOfUse");
            FhirJson.CodeableConcept(writer, FhirSystems.ActReason, purpose.ToCode());
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        if (line.ActorOrganizationId is { } organization)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("who");
            FhirJson.Reference(writer, $"Organization/{organization}");
            writer.WriteBoolean("requestor", false);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEntities(Utf8JsonWriter writer, AccessLogLine line)
    {
        writer.WriteStartArray("entity");
        writer.WriteStartObject();
        writer.WritePropertyName("what");
        FhirJson.Reference(writer, $"Patient/{line.PatientId}");
        writer.WritePropertyName("type");
        FhirJson.Coding(writer, FhirSystems.AuditEntityType, "1", "Person");
        writer.WritePropertyName("role");
        FhirJson.Coding(writer, FhirSystems.ObjectRole, "1", "Patient");
        writer.WriteEndObject();

        if (line.RecordId is { } record)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("what");
            FhirJson.IdentifierReference(writer, FhirSystems.RecordId, record);
            writer.WritePropertyName("type");
            FhirJson.Coding(writer, FhirSystems.AuditEntityType, "2", "System Object");
            writer.WritePropertyName("role");
            FhirJson.Coding(writer, FhirSystems.ObjectRole, "4", "Domain Resource");
            writer.WriteEndObject();
        }

        if (line.ConsentId is { } consent)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("what");
            FhirJson.Reference(writer, $"Consent/{consent}");
            writer.WritePropertyName("type");
            FhirJson.Coding(writer, FhirSystems.ResourceTypes, "Consent", "Consent");
            writer.WriteEndObject();
        }

        writer.WriteStartObject();
        writer.WritePropertyName("what");
        FhirJson.IdentifierReference(writer, FhirSystems.LedgerEntry, line.LedgerIndex.ToString(CultureInfo.InvariantCulture));
        writer.WritePropertyName("type");
        FhirJson.Coding(writer, FhirSystems.AuditEntityType, "2", "System Object");
        writer.WriteStartArray("detail");
        Detail(writer, "ledger-index", "valueString", line.LedgerIndex.ToString(CultureInfo.InvariantCulture));
        Detail(writer, "leaf-hash", "valueBase64Binary", line.LeafHash.ToBase64());
        if (line.DecidedBy is { } decidedBy)
        {
            Detail(writer, "decided-by", "valueString", decidedBy);
        }

        if (line.Reason is { } reason)
        {
            Detail(writer, "reason", "valueString", reason.ToCode());
        }

        if (line.Operation is { } operation)
        {
            Detail(writer, "operation", "valueString", operation.ToCode());
        }

        if (line.Kind is AccessLogEventKind.RecordRead or AccessLogEventKind.ConsentDecision or AccessLogEventKind.OperationDecision
            or AccessLogEventKind.BreakGlassOpened)
        {
            Detail(writer, "break-glass", "valueString", line.BreakGlass ? "true" : "false");
        }

        if (line.EventId is { } eventId)
        {
            Detail(writer, "event-id", "valueString", eventId);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void Detail(Utf8JsonWriter writer, string type, string valueName, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString(valueName, value);
        writer.WriteEndObject();
    }
}
