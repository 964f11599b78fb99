namespace MedLedger.Access.Fhir;

/// <summary>The code systems and identifier systems used in FHIR resources we read and write.</summary>
/// <remarks>
/// Our own systems are URNs under <c>urn:medledger:</c>: private, stable names, not web pages. A deployment with a
/// canonical FHIR base URL could publish CodeSystem resources and map these names to it.
/// </remarks>
public static class FhirSystems
{
    /// <summary>HL7 consent actions (<c>access</c>, <c>disclose</c>, …).</summary>
    public const string ConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction";

    /// <summary>HL7 v3 ActReason: purposes of use (<c>TREAT</c>, <c>HPAYMT</c>, …).</summary>
    public const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>HL7 v3 ActCode: sensitivity labels (<c>MH</c>, <c>ETH</c>, <c>GDIS</c>) and policy codes (<c>OPTIN</c>).</summary>
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>HL7 v3 ParticipationType (<c>IRCP</c>: information recipient).</summary>
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>HL7 consent scopes (<c>patient-privacy</c>).</summary>
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>LOINC (<c>59284-0</c>: patient consent).</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>Audit event types (<c>rest</c>).</summary>
    public const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";

    /// <summary>RESTful interactions (<c>read</c>, <c>create</c>, <c>update</c>).</summary>
    public const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";

    /// <summary>DICOM (<c>110113</c>: Security Alert).</summary>
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    /// <summary>IHE BALP authorization subtypes (<c>AuthZ-Consent</c>).</summary>
    public const string BalpAuthorizationSubtype = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";

    /// <summary>Audit entity types (<c>1</c> person, <c>2</c> system object).</summary>
    public const string AuditEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

    /// <summary>Audit object roles (<c>1</c> patient, <c>4</c> domain resource).</summary>
    public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";

    /// <summary>Audit source types (<c>4</c>: application server).</summary>
    public const string SecuritySourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";

    /// <summary>FHIR resource types, as entity types (<c>Consent</c>).</summary>
    public const string ResourceTypes = "http://hl7.org/fhir/resource-types";

    /// <summary>Ours: record categories (<c>general</c>, …, <c>non-sensitive</c>), used in <c>Consent.provision.class</c>.</summary>
    public const string RecordCategory = "urn:medledger:record-category";

    /// <summary>Ours: user keys, used in identifiers of agents and user grantees.</summary>
    public const string UserKey = "urn:medledger:user-key";

    /// <summary>Ours: record ids.</summary>
    public const string RecordId = "urn:medledger:record-id";

    /// <summary>Ours: ledger entries, as <c>{index}</c>.</summary>
    public const string LedgerEntry = "urn:medledger:ledger-entry";

    /// <summary>Ours: the extension carrying the SHA-256 of a consent's canonical terms.</summary>
    public const string ConsentTermsHashExtension = "urn:medledger:consent-terms-sha256";
}
