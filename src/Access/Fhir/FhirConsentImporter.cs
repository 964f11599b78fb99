using System.Globalization;
using System.Text.Json;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Json;

namespace MedLedger.Access.Fhir;

/// <summary>
/// Reads a FHIR R4 <c>Consent</c> into consent terms, refusing with a clear error everything we would otherwise have
/// to ignore or guess: ignoring a term of a consent would change who may read.
/// </summary>
/// <remarks>
/// <para>Supported: <c>status: active</c>; scope <c>patient-privacy</c> (or none); <c>patient: Patient/{id}</c>; and
/// either one <c>permit</c> provision, or a base <c>deny</c> provision (without restrictions of its own) holding exactly
/// one nested <c>permit</c>. The permit needs a period with start and end (a date <c>yyyy-MM-dd</c> covers that whole
/// UTC day; a date-time needs whole seconds and an offset), exactly one actor with role IRCP naming
/// <c>Organization/{id}</c> or a user-key identifier (<see cref="FhirSystems.UserKey"/>), at least one action
/// (<c>access</c>, <c>disclose</c>) and at least one purpose (<c>TREAT</c>, <c>HPAYMT</c>, <c>HOPERAT</c>,
/// <c>HRESCH</c>). Categories come from <c>class</c> (<see cref="FhirSystems.RecordCategory"/>) or from
/// <c>securityLabel</c> (v3-ActCode <c>MH</c> mental-health, <c>ETH</c> substance-use, <c>GDIS</c> genetic), not both;
/// with neither, the consent covers non-sensitive categories only — sensitive data needs to be named.</para>
/// <para>Refused: R5 resources, other statuses, <c>modifierExtension</c>, <c>implicitRules</c>, <c>contained</c>,
/// provisions with <c>code</c>, <c>dataPeriod</c> or <c>data</c>, deeper nesting, several actors, other codes.</para>
/// </remarks>
public static class FhirConsentImporter
{
    /// <summary>The largest resource accepted.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxItems = 32;

    private static readonly string[] RootMembers =
    [
        "resourceType", "id", "meta", "language", "text", "extension", "identifier", "status", "scope", "category", "patient",
        "dateTime", "performer", "organization", "sourceAttachment", "sourceReference", "policy", "policyRule", "verification",
        "provision",
    ];

    private static readonly string[] R5Members = ["decision", "subject", "grantee", "grantor", "manager", "controller", "regulatoryBasis", "policyBasis", "policyText", "date"];

    private static readonly string[] ProvisionMembers =
        ["id", "extension", "type", "period", "actor", "action", "securityLabel", "purpose", "class", "provision"];

    private static readonly string[] RestrictingMembers = ["period", "actor", "action", "securityLabel", "purpose", "class"];

    /// <summary>Imports one Consent resource.</summary>
    public static FhirConsentImportResult Import(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.TryParse(utf8Json, MaxBytes, out var error);
        if (document is null)
        {
            return FhirConsentImportResult.Failure([error!]);
        }

        var errors = new List<InputError>();
        try
        {
            var (patientId, terms) = ReadConsent(document.RootElement, errors);
            return errors.Count == 0 && terms is not null
                ? FhirConsentImportResult.Success(patientId!, terms)
                : FhirConsentImportResult.Failure(errors);
        }
        catch (JsonInputException exception)
        {
            errors.Add(new InputError(exception.Path, exception.Message));
            return FhirConsentImportResult.Failure(errors);
        }
    }

    private static (string? PatientId, ConsentTerms? Terms) ReadConsent(JsonElement root, List<InputError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonInputException("$", "Expected a FHIR resource (a JSON object).");
        }

        if (!root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Consent")
        {
            throw new JsonInputException("$.resourceType", "Expected \"Consent\".");
        }

        foreach (var member in root.EnumerateObject())
        {
            var path = JsonRead.Member("$", member.Name);
            if (R5Members.Contains(member.Name))
            {
                errors.Add(new InputError(path, "This is an R5 element; only FHIR R4 Consent resources are supported."));
            }
            else if (member.Name is "modifierExtension" or "implicitRules" or "contained")
            {
                errors.Add(new InputError(path, "Not supported: it could change the meaning of the consent in ways we cannot evaluate."));
            }
            else if (!RootMembers.Contains(member.Name))
            {
                errors.Add(new InputError(path, "Not an element of an R4 Consent."));
            }
        }

        var status = JsonRead.RequiredString(root, "$", "status");
        if (status != "active")
        {
            errors.Add(new InputError("$.status", "Only active consents can be imported (a revocation is a separate request)."));
        }

        if (JsonRead.Optional(root, "scope") is { } scope && !HasCoding(scope, "$.scope", FhirSystems.ConsentScope, "patient-privacy"))
        {
            errors.Add(new InputError("$.scope", "Only patient-privacy consents are supported."));
        }

        var patientId = ReadPatient(JsonRead.Required(root, "$", "patient"), "$.patient", errors);
        var permit = FindPermit(JsonRead.Required(root, "$", "provision"), "$.provision", errors);
        var terms = permit is { } p ? ReadPermit(p.Element, p.Path, errors) : null;
        return (patientId, terms);
    }

    private static string? ReadPatient(JsonElement value, string path, List<InputError> errors)
    {
        JsonRead.Object(value, path, "reference", "display", "id", "extension", "type");
        var reference = JsonRead.RequiredString(value, path, "reference");
        if (reference.StartsWith("Patient/", StringComparison.Ordinal) && IdentifierSyntax.IsValid(reference["Patient/".Length..]))
        {
            return reference["Patient/".Length..];
        }

        errors.Add(new InputError(JsonRead.Member(path, "reference"), "Expected a local reference Patient/{id}."));
        return null;
    }

    private static (JsonElement Element, string Path)? FindPermit(JsonElement provision, string path, List<InputError> errors)
    {
        CheckProvisionMembers(provision, path, errors);
        var type = JsonRead.RequiredString(provision, path, "type");
        var nested = JsonRead.Optional(provision, "provision");
        switch (type)
        {
            case "permit":
                if (nested is not null)
                {
                    errors.Add(new InputError(JsonRead.Member(path, "provision"), "Exceptions nested in a permit are not supported."));
                    return null;
                }

                return (provision, path);
            case "deny":
                foreach (var member in RestrictingMembers.Where(m => provision.TryGetProperty(m, out _)))
                {
                    errors.Add(new InputError(JsonRead.Member(path, member), "A base deny with restrictions of its own (permitting everything outside them) is not supported."));
                }

                var nestedPath = JsonRead.Member(path, "provision");
                var items = nested is { } n ? JsonRead.Array(n, nestedPath, MaxItems) : [];
                if (items.Count != 1)
                {
                    errors.Add(new InputError(nestedPath, "A base deny must hold exactly one nested permit."));
                    return null;
                }

                var innerPath = JsonRead.Index(nestedPath, 0);
                CheckProvisionMembers(items[0], innerPath, errors);
                if (JsonRead.RequiredString(items[0], innerPath, "type") != "permit")
                {
                    errors.Add(new InputError(JsonRead.Member(innerPath, "type"), "The nested provision must be a permit."));
                    return null;
                }

                if (items[0].TryGetProperty("provision", out _))
                {
                    errors.Add(new InputError(JsonRead.Member(innerPath, "provision"), "Provisions nested more than one level deep are not supported."));
                    return null;
                }

                return (items[0], innerPath);
            default:
                throw new JsonInputException(JsonRead.Member(path, "type"), "Expected \"permit\" or \"deny\".");
        }
    }

    private static void CheckProvisionMembers(JsonElement provision, string path, List<InputError> errors)
    {
        if (provision.ValueKind != JsonValueKind.Object)
        {
            throw new JsonInputException(path, "Expected a JSON object.");
        }

        foreach (var member in provision.EnumerateObject())
        {
            if (!ProvisionMembers.Contains(member.Name))
            {
                errors.Add(new InputError(JsonRead.Member(path, member.Name), member.Name switch
                {
                    "code" or "dataPeriod" or "data" => "Restricting a consent to particular data is not supported; use record categories (class or securityLabel).",
                    "modifierExtension" => "Not supported: it could change the meaning of the consent in ways we cannot evaluate.",
                    _ => "Not an element of an R4 Consent provision.",
                }));
            }
        }
    }

    private static ConsentTerms? ReadPermit(JsonElement permit, string path, List<InputError> errors)
    {
        var errorCount = errors.Count;
        var period = ReadPeriod(JsonRead.Required(permit, path, "period"), JsonRead.Member(path, "period"), errors);
        var grantee = ReadActor(permit, path, errors);
        var actions = ReadActions(permit, path, errors);
        var purposes = ReadPurposes(permit, path, errors);
        var (categories, nonSensitive) = ReadCategories(permit, path, errors);
        return errors.Count == errorCount && period is not null && grantee is not null
            ? ConsentTerms.Create(grantee, actions, purposes, categories, nonSensitive, period)
            : null;
    }

    private static ConsentPeriod? ReadPeriod(JsonElement value, string path, List<InputError> errors)
    {
        JsonRead.Object(value, path, "id", "extension", "start", "end");
        var start = ReadBoundary(JsonRead.RequiredString(value, path, "start"), JsonRead.Member(path, "start"), isEnd: false, errors);
        var end = ReadBoundary(JsonRead.RequiredString(value, path, "end"), JsonRead.Member(path, "end"), isEnd: true, errors);
        if (start is null || end is null)
        {
            return null;
        }

        if (start >= end)
        {
            errors.Add(new InputError(JsonRead.Member(path, "end"), "The period must end after it starts."));
            return null;
        }

        return new ConsentPeriod(start.Value, end.Value);
    }

    // A FHIR date covers the whole day: the start is its first instant, the (exclusive) end the next day's first.
    private static DateTimeOffset? ReadBoundary(string text, string path, bool isEnd, List<InputError> errors)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return isEnd ? day.AddDays(1) : day;
        }

        if (InstantText.TryParse(text, out var instant))
        {
            return instant;
        }

        errors.Add(new InputError(path, "Expected a date (yyyy-MM-dd, read as a UTC day) or a date-time with whole seconds and an offset; years, months and fractions of a second are not supported."));
        return null;
    }

    private static Grantee? ReadActor(JsonElement permit, string path, List<InputError> errors)
    {
        var actorsPath = JsonRead.Member(path, "actor");
        if (JsonRead.Optional(permit, "actor") is not { } actorsValue)
        {
            errors.Add(new InputError(actorsPath, "The permit must name its grantee as an actor."));
            return null;
        }

        var actors = JsonRead.Array(actorsValue, actorsPath, MaxItems);
        if (actors.Count != 1)
        {
            errors.Add(new InputError(actorsPath, "Exactly one actor is supported: record one consent per grantee."));
            return null;
        }

        var actorPath = JsonRead.Index(actorsPath, 0);
        var actor = JsonRead.Object(actors[0], actorPath, "id", "extension", "role", "reference");
        if (!HasCoding(JsonRead.Required(actor, actorPath, "role"), JsonRead.Member(actorPath, "role"), FhirSystems.ParticipationType, "IRCP"))
        {
            errors.Add(new InputError(JsonRead.Member(actorPath, "role"), "Only the information recipient role (v3-ParticipationType IRCP) is supported."));
        }

        var referencePath = JsonRead.Member(actorPath, "reference");
        var reference = JsonRead.Object(JsonRead.Required(actor, actorPath, "reference"), referencePath, "reference", "identifier", "display", "type");
        if (JsonRead.Optional(reference, "reference") is { } literal)
        {
            var text = JsonRead.String(literal, JsonRead.Member(referencePath, "reference"));
            if (text.StartsWith("Organization/", StringComparison.Ordinal) && IdentifierSyntax.IsValid(text["Organization/".Length..])
                && JsonRead.Optional(reference, "identifier") is null)
            {
                return Grantee.Organization(text["Organization/".Length..]);
            }
        }
        else if (JsonRead.Optional(reference, "identifier") is { } identifierValue)
        {
            var identifierPath = JsonRead.Member(referencePath, "identifier");
            var identifier = JsonRead.Object(identifierValue, identifierPath, "system", "value", "use", "type", "period", "assigner");
            if (JsonRead.Optional(identifier, "system") is { } system && JsonRead.String(system, JsonRead.Member(identifierPath, "system")) == FhirSystems.UserKey
                && JsonRead.Optional(identifier, "value") is { } value && IdentifierSyntax.IsValid(JsonRead.String(value, JsonRead.Member(identifierPath, "value"))))
            {
                return Grantee.User(value.GetString()!);
            }
        }

        errors.Add(new InputError(referencePath, $"Expected either a reference Organization/{{id}} or an identifier in {FhirSystems.UserKey}."));
        return null;
    }

    private static List<ConsentAction> ReadActions(JsonElement permit, string path, List<InputError> errors)
    {
        var result = new List<ConsentAction>();
        var actionsPath = JsonRead.Member(path, "action");
        if (JsonRead.Optional(permit, "action") is not { } value)
        {
            errors.Add(new InputError(actionsPath, "Name the permitted actions (access, disclose); a permit of every action is not supported."));
            return result;
        }

        var concepts = JsonRead.Array(value, actionsPath, MaxItems);
        for (var i = 0; i < concepts.Count; i++)
        {
            var conceptPath = JsonRead.Index(actionsPath, i);
            var codes = CodesOf(concepts[i], conceptPath, FhirSystems.ConsentAction);
            var action = codes.Count == 1 ? ConsentCodes.ParseAction(codes[0]) : null;
            if (action is null)
            {
                errors.Add(new InputError(conceptPath, "Expected exactly one consentaction coding: access or disclose (collect, use and correct are not supported)."));
            }
            else
            {
                result.Add(action.Value);
            }
        }

        return result;
    }

    private static List<PurposeOfUse> ReadPurposes(JsonElement permit, string path, List<InputError> errors)
    {
        var result = new List<PurposeOfUse>();
        var purposesPath = JsonRead.Member(path, "purpose");
        if (JsonRead.Optional(permit, "purpose") is not { } value)
        {
            errors.Add(new InputError(purposesPath, "Name the permitted purposes; a permit for every purpose is not supported."));
            return result;
        }

        var codings = JsonRead.Array(value, purposesPath, MaxItems);
        for (var i = 0; i < codings.Count; i++)
        {
            var codingPath = JsonRead.Index(purposesPath, i);
            var (system, code) = ReadCoding(codings[i], codingPath);
            var purpose = system == FhirSystems.ActReason ? ConsentCodes.ParsePurpose(code) : null;
            if (purpose is not { } known || !known.IsGrantable())
            {
                errors.Add(new InputError(codingPath, "Expected a v3-ActReason purpose that a consent can grant: TREAT, HPAYMT, HOPERAT or HRESCH."));
            }
            else
            {
                result.Add(known);
            }
        }

        return result;
    }

    private static (List<RecordCategory> Categories, bool NonSensitive) ReadCategories(JsonElement permit, string path, List<InputError> errors)
    {
        var categories = new List<RecordCategory>();
        var hasClass = permit.TryGetProperty("class", out var classes);
        var hasLabels = permit.TryGetProperty("securityLabel", out var labels);
        if (hasClass && hasLabels)
        {
            errors.Add(new InputError(JsonRead.Member(path, "securityLabel"), "Use either class or securityLabel: both together would mean data matching both, which our categories cannot express."));
            return (categories, false);
        }

        if (!hasClass && !hasLabels)
        {
            return (categories, true);
        }

        var nonSensitive = false;
        var listPath = JsonRead.Member(path, hasClass ? "class" : "securityLabel");
        var codings = JsonRead.Array(hasClass ? classes : labels, listPath, MaxItems);
        for (var i = 0; i < codings.Count; i++)
        {
            var codingPath = JsonRead.Index(listPath, i);
            var (system, code) = ReadCoding(codings[i], codingPath);
            if (hasClass && system == FhirSystems.RecordCategory && code == ConsentCodes.NonSensitive)
            {
                nonSensitive = true;
            }
            else if ((hasClass ? CategoryFromClass(system, code) : CategoryFromLabel(system, code)) is { } category)
            {
                categories.Add(category);
            }
            else
            {
                errors.Add(new InputError(codingPath, hasClass
                    ? $"Expected a record category of {FhirSystems.RecordCategory}: general, oncology, mental-health, substance-use, genetic or non-sensitive."
                    : "Expected a v3-ActCode sensitivity label: MH (mental health), ETH (substance use) or GDIS (genetic)."));
            }
        }

        return (categories, nonSensitive);
    }

    private static RecordCategory? CategoryFromClass(string system, string code) =>
        system == FhirSystems.RecordCategory ? ConsentCodes.ParseCategory(code) : null;

    private static RecordCategory? CategoryFromLabel(string system, string code) => system != FhirSystems.ActCode ? null : code switch
    {
        "MH" => RecordCategory.MentalHealth,
        "ETH" => RecordCategory.SubstanceUse,
        "GDIS" => RecordCategory.Genetic,
        _ => null,
    };

    private static (string System, string Code) ReadCoding(JsonElement coding, string path)
    {
        JsonRead.Object(coding, path, "id", "extension", "system", "version", "code", "display", "userSelected");
        return (JsonRead.RequiredString(coding, path, "system"), JsonRead.RequiredString(coding, path, "code"));
    }

    // The codes of one CodeableConcept in one system; codings in other systems are translations of the same concept.
    private static List<string> CodesOf(JsonElement concept, string path, string system)
    {
        JsonRead.Object(concept, path, "id", "extension", "coding", "text");
        var result = new List<string>();
        if (JsonRead.Optional(concept, "coding") is not { } codingValue)
        {
            return result;
        }

        var codingsPath = JsonRead.Member(path, "coding");
        var codings = JsonRead.Array(codingValue, codingsPath, MaxItems);
        for (var i = 0; i < codings.Count; i++)
        {
            var (codingSystem, code) = ReadCoding(codings[i], JsonRead.Index(codingsPath, i));
            if (codingSystem == system)
            {
                result.Add(code);
            }
        }

        return result;
    }

    private static bool HasCoding(JsonElement concept, string path, string system, string code) =>
        CodesOf(concept, path, system).Contains(code);
}
