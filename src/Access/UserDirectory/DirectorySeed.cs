using System.Text.Json;
using MedLedger.Access.Identity;
using MedLedger.Access.Json;

namespace MedLedger.Access.UserDirectory;

/// <summary>
/// A directory's content as a versioned JSON document: the demo users of local mode, or an export. The first member
/// is <c>"format": "medledger-directory/v1"</c>.
/// </summary>
/// <remarks>
/// <code>
/// {"format":"medledger-directory/v1",
///  "organizations":[{"id":"clinic-a","kind":"clinic"}, …],
///  "patients":[{"id":"p-1","organization":"clinic-a"}, …],
///  "users":[{"userKey":"dr-ada","roles":["clinician"],"organization":"clinic-a"},
///           {"userKey":"pat-1","roles":["patient"],"patient":"p-1"}, …]}
/// </code>
/// Rules, each checked with a clear error: ids are unique and well-formed; a patient's organization is a clinic;
/// clinicians belong to a clinic and insurers to an insurer, and only they have an organization; a user holds the
/// patient role exactly when it names a patient, and each patient has at most one user.
/// </remarks>
public sealed class DirectorySeed
{
    /// <summary>The format name and version, the document's first member.</summary>
    public const string Format = "medledger-directory/v1";

    /// <summary>The largest document accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most entries of each kind accepted.</summary>
    public const int MaxEntries = 10_000;

    private DirectorySeed(IReadOnlyList<DirectoryOrganization> organizations, IReadOnlyList<DirectoryPatient> patients, IReadOnlyList<DirectoryUser> users)
    {
        Organizations = organizations;
        Patients = patients;
        Users = users;
    }

    /// <summary>Gets the organizations.</summary>
    public IReadOnlyList<DirectoryOrganization> Organizations { get; }

    /// <summary>Gets the patients.</summary>
    public IReadOnlyList<DirectoryPatient> Patients { get; }

    /// <summary>Gets the users.</summary>
    public IReadOnlyList<DirectoryUser> Users { get; }

    /// <summary>Parses and validates a seed document.</summary>
    public static DirectorySeedParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.TryParse(utf8Json, MaxBytes, out var error);
        if (document is null)
        {
            return DirectorySeedParseResult.Failure(error!);
        }

        try
        {
            return DirectorySeedParseResult.Success(Read(document.RootElement));
        }
        catch (JsonInputException exception)
        {
            return DirectorySeedParseResult.Failure(new InputError(exception.Path, exception.Message));
        }
    }

    private static DirectorySeed Read(JsonElement root)
    {
        JsonRead.Object(root, "$", "format", "organizations", "patients", "users");
        using (var members = root.EnumerateObject())
        {
            if (!members.MoveNext() || members.Current.Name != "format")
            {
                throw new JsonInputException("$", "The first member must be \"format\".");
            }
        }

        if (JsonRead.RequiredString(root, "$", "format") != Format)
        {
            throw new JsonInputException("$.format", $"Expected \"{Format}\".");
        }

        var organizations = ReadOrganizations(JsonRead.Required(root, "$", "organizations"));
        var patients = ReadPatients(JsonRead.Required(root, "$", "patients"), organizations);
        var users = ReadUsers(JsonRead.Required(root, "$", "users"), organizations, patients);
        return new DirectorySeed([.. organizations.Values], [.. patients.Values], users);
    }

    private static Dictionary<string, DirectoryOrganization> ReadOrganizations(JsonElement array)
    {
        var result = new Dictionary<string, DirectoryOrganization>(StringComparer.Ordinal);
        var items = JsonRead.Array(array, "$.organizations", MaxEntries, allowEmpty: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonRead.Index("$.organizations", i);
            JsonRead.Object(items[i], path, "id", "kind");
            var id = JsonRead.RequiredId(items[i], path, "id");
            var kind = JsonRead.RequiredString(items[i], path, "kind") switch
            {
                "clinic" => OrganizationKind.Clinic,
                "insurer" => OrganizationKind.Insurer,
                _ => throw new JsonInputException(JsonRead.Member(path, "kind"), "Expected \"clinic\" or \"insurer\"."),
            };
            if (!result.TryAdd(id, new DirectoryOrganization(id, kind)))
            {
                throw new JsonInputException(JsonRead.Member(path, "id"), "This organization id appears twice.");
            }
        }

        return result;
    }

    private static Dictionary<string, DirectoryPatient> ReadPatients(JsonElement array, Dictionary<string, DirectoryOrganization> organizations)
    {
        var result = new Dictionary<string, DirectoryPatient>(StringComparer.Ordinal);
        var items = JsonRead.Array(array, "$.patients", MaxEntries, allowEmpty: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonRead.Index("$.patients", i);
            JsonRead.Object(items[i], path, "id", "organization");
            var id = JsonRead.RequiredId(items[i], path, "id");
            var organization = JsonRead.RequiredId(items[i], path, "organization");
            if (!organizations.TryGetValue(organization, out var known) || known.Kind != OrganizationKind.Clinic)
            {
                throw new JsonInputException(JsonRead.Member(path, "organization"), "A patient's organization must be a clinic listed in \"organizations\".");
            }

            if (!result.TryAdd(id, new DirectoryPatient(id, organization)))
            {
                throw new JsonInputException(JsonRead.Member(path, "id"), "This patient id appears twice.");
            }
        }

        return result;
    }

    private static List<DirectoryUser> ReadUsers(
        JsonElement array, Dictionary<string, DirectoryOrganization> organizations, Dictionary<string, DirectoryPatient> patients)
    {
        var result = new List<DirectoryUser>();
        var userKeys = new HashSet<string>(StringComparer.Ordinal);
        var patientUsers = new HashSet<string>(StringComparer.Ordinal);
        var items = JsonRead.Array(array, "$.users", MaxEntries, allowEmpty: true);
        for (var i = 0; i < items.Count; i++)
        {
            var path = JsonRead.Index("$.users", i);
            JsonRead.Object(items[i], path, "userKey", "roles", "organization", "patient");
            var userKey = JsonRead.RequiredId(items[i], path, "userKey");
            if (!userKeys.Add(userKey))
            {
                throw new JsonInputException(JsonRead.Member(path, "userKey"), "This user key appears twice.");
            }

            var roles = JsonRead.DistinctCodes(JsonRead.Required(items[i], path, "roles"), JsonRead.Member(path, "roles"), RoleNames.All.Count, RoleNames.Parse, "clinician, patient, insurer, auditor, admin")
                .ToHashSet();
            var organization = CheckOrganization(items[i], path, roles, organizations);
            var patient = CheckPatient(items[i], path, roles, patients, patientUsers);
            result.Add(new DirectoryUser(userKey, roles, organization, patient));
        }

        return result;
    }

    private static string? CheckOrganization(JsonElement user, string path, HashSet<Role> roles, Dictionary<string, DirectoryOrganization> organizations)
    {
        var memberPath = JsonRead.Member(path, "organization");
        OrganizationKind? required = (roles.Contains(Role.Clinician), roles.Contains(Role.Insurer)) switch
        {
            (true, true) => throw new JsonInputException(JsonRead.Member(path, "roles"), "A user cannot be both a clinician and an insurer: the two need different kinds of organization."),
            (true, false) => OrganizationKind.Clinic,
            (false, true) => OrganizationKind.Insurer,
            (false, false) => null,
        };
        var present = JsonRead.Optional(user, "organization");
        if (required is null)
        {
            return present is null
                ? null
                : throw new JsonInputException(memberPath, "Only clinicians and insurers belong to an organization.");
        }

        if (present is not { } value)
        {
            throw new JsonInputException(memberPath, "Clinicians and insurers must name their organization.");
        }

        var organization = JsonRead.Id(value, memberPath);
        if (!organizations.TryGetValue(organization, out var known) || known.Kind != required)
        {
            throw new JsonInputException(memberPath, required == OrganizationKind.Clinic
                ? "A clinician's organization must be a clinic listed in \"organizations\"."
                : "An insurer's organization must be an insurer listed in \"organizations\".");
        }

        return organization;
    }

    private static string? CheckPatient(JsonElement user, string path, HashSet<Role> roles, Dictionary<string, DirectoryPatient> patients, HashSet<string> patientUsers)
    {
        var memberPath = JsonRead.Member(path, "patient");
        var present = JsonRead.Optional(user, "patient");
        if (!roles.Contains(Role.Patient))
        {
            return present is null
                ? null
                : throw new JsonInputException(memberPath, "Only users with the patient role name a patient.");
        }

        if (present is not { } value)
        {
            throw new JsonInputException(memberPath, "A user with the patient role must name their patient id.");
        }

        var patient = JsonRead.Id(value, memberPath);
        if (!patients.ContainsKey(patient))
        {
            throw new JsonInputException(memberPath, "The patient must be listed in \"patients\".");
        }

        return patientUsers.Add(patient)
            ? patient
            : throw new JsonInputException(memberPath, "Another user already is this patient.");
    }
}
