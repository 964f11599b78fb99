using System.Text.Json;
using MedLedger.Access.Consent;
using MedLedger.Access.Json;

namespace MedLedger.Access.Fhir;

/// <summary>Writes a grant as a FHIR R4 <c>Consent</c>; a revoked grant is written with <c>status: inactive</c>.</summary>
/// <remarks>
/// Shape: scope <c>patient-privacy</c>, category LOINC 59284-0, policyRule OPTIN, and a base <c>deny</c> provision with
/// one nested <c>permit</c> carrying the terms: period, actor (role IRCP; <c>Organization/{id}</c> or a user-key
/// identifier), actions, purposes (v3-ActReason) and categories (as <c>class</c> codings in
/// <see cref="FhirSystems.RecordCategory"/>). An extension carries the SHA-256 of the canonical terms, binding the
/// resource to the ledger entry that committed to them. <see cref="FhirConsentImporter"/> reads this shape back to
/// identical terms.
/// </remarks>
public static class FhirConsentExporter
{
    /// <summary>Writes <paramref name="grant"/>, revoked when <paramref name="revocation"/> is given.</summary>
    /// <exception cref="ArgumentException"><paramref name="revocation"/> concerns another consent.</exception>
    public static byte[] Export(ConsentGrant grant, ConsentRevocation? revocation = null)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (revocation is not null && revocation.ConsentId != grant.ConsentId)
        {
            throw new ArgumentException("The revocation concerns another consent.", nameof(revocation));
        }

        var terms = grant.Terms;
        return FhirJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Consent");
            writer.WriteString("id", grant.ConsentId);
            writer.WriteStartArray("extension");
            writer.WriteStartObject();
            writer.WriteString("url", FhirSystems.ConsentTermsHashExtension);
            writer.WriteString("valueBase64Binary", terms.ComputeHash().ToBase64());
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("status", revocation is null ? "active" : "inactive");
            writer.WritePropertyName("scope");
            FhirJson.CodeableConcept(writer, FhirSystems.ConsentScope, "patient-privacy", "Privacy Consent");
            writer.WriteStartArray("category");
            FhirJson.CodeableConcept(writer, FhirSystems.Loinc, "59284-0", "Patient Consent");
            writer.WriteEndArray();
            writer.WritePropertyName("patient");
            FhirJson.Reference(writer, $"Patient/{grant.PatientId}");
            writer.WriteString("dateTime", FhirJson.Instant(grant.RecordedAt));
            writer.WriteStartArray("performer");
            FhirJson.IdentifierReference(writer, FhirSystems.UserKey, grant.GrantedBy);
            writer.WriteEndArray();
            writer.WritePropertyName("policyRule");
            FhirJson.CodeableConcept(writer, FhirSystems.ActCode, "OPTIN", "opt-in");
            writer.WriteStartObject("provision");
            writer.WriteString("type", "deny");
            writer.WriteStartArray("provision");
            WritePermit(writer, terms);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes every grant of <paramref name="state"/> recorded by <paramref name="asOf"/> as a <c>Bundle</c> of type <c>collection</c>, revoked ones inactive.</summary>
    public static byte[] ExportBundle(ConsentState state, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resources = state.Grants
            .Where(g => g.RecordedAt <= asOf)
            .Select(g => Export(g, state.RevokedAt(g.ConsentId) is { } at && at <= asOf ? state.Revocations.First(r => r.ConsentId == g.ConsentId && r.RecordedAt == at) : null))
            .ToList();
        return FhirJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "Bundle");
            writer.WriteString("type", "collection");
            writer.WriteStartArray("entry");
            foreach (var resource in resources)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("resource");
                writer.WriteRawValue(resource, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WritePermit(Utf8JsonWriter writer, ConsentTerms terms)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "permit");
        writer.WriteStartObject("period");
        writer.WriteString("start", InstantText.Format(terms.Period.Start));
        writer.WriteString("end", InstantText.Format(terms.Period.End));
        writer.WriteEndObject();
        writer.WriteStartArray("actor");
        writer.WriteStartObject();
        writer.WritePropertyName("role");
        FhirJson.CodeableConcept(writer, FhirSystems.ParticipationType, "IRCP", "information recipient");
        writer.WritePropertyName("reference");
        if (terms.Grantee.Kind == GranteeKind.Organization)
        {
            FhirJson.Reference(writer, $"Organization/{terms.Grantee.Id}");
        }
        else
        {
            FhirJson.IdentifierReference(writer, FhirSystems.UserKey, terms.Grantee.Id);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("action");
        foreach (var action in terms.Actions)
        {
            FhirJson.CodeableConcept(writer, FhirSystems.ConsentAction, action.ToCode());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("purpose");
        foreach (var purpose in terms.Purposes)
        {
            FhirJson.Coding(writer, FhirSystems.ActReason, purpose.ToCode());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("class");
        foreach (var category in terms.CategoryCodes)
        {
            FhirJson.Coding(writer, FhirSystems.RecordCategory, category);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
