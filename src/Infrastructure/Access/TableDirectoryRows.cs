using System.Globalization;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Clients.Tables;

namespace MedLedger.Infrastructure.Access;

/// <summary>The rows of the Table-backed directory (layout version 1): keys, properties, and strict reading.</summary>
/// <remarks>
/// <code>
/// organization|{id}       Kind = clinic | insurer
/// patient|{id}            Organization = the patient's clinic
/// user|{user key}         Roles = sorted role names joined by ','; Organization and Patient when the user has them
/// patient-user|{id}       UserKey = the one user who is this patient (enforces "at most one user per patient")
/// pseudonym|{pseudonym}   Patient = the patient whose ledger pseudonym this is (the reverse of the app's keyed hash)
/// seed                    written last when a seed was applied, so a seed is applied once
/// </code>
/// Every row carries <c>FormatVersion = 1</c>. Ids follow <see cref="IdentifierSyntax"/>, whose characters are all
/// allowed in table keys, so keys need no escaping; every id is checked before it becomes a key.
/// </remarks>
internal static class TableDirectoryRows
{
    public const int FormatVersion = 1;
    public const string SeedRow = "seed";
    public const string UserPrefix = "user|";
    public const string PseudonymPrefix = "pseudonym|";

    // Sorts after every id character: the exclusive upper bound of the user rows.
    public const string UsersEnd = "user|~";

    private const string Version = "FormatVersion";
    private const string KindProperty = "Kind";
    private const string OrganizationProperty = "Organization";
    private const string PatientProperty = "Patient";
    private const string RolesProperty = "Roles";
    private const string UserKeyProperty = "UserKey";

    public static string OrganizationKey(string id) => "organization|" + id;

    public static string PatientKey(string id) => "patient|" + id;

    public static string UserKey(string userKey) => UserPrefix + userKey;

    public static string PatientUserKey(string patientId) => "patient-user|" + patientId;

    public static string PseudonymKey(string pseudonym) => PseudonymPrefix + pseudonym;

    /// <summary>Checks a pseudonym: 1 to 64 base64url characters (the app's are 43), all allowed in table keys.</summary>
    public static bool IsValidPseudonym(string? pseudonym) =>
        pseudonym is { Length: > 0 and <= 64 } && pseudonym.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static TableEntity Pseudonym(string partition, string pseudonym, string patientId)
    {
        var row = Row(partition, PseudonymKey(pseudonym));
        row[PatientProperty] = patientId;
        return row;
    }

    public static string ReadPseudonymPatient(TableEntity row)
    {
        CheckVersion(row);
        if (!IsValidPseudonym(row.RowKey.StartsWith(PseudonymPrefix, StringComparison.Ordinal) ? row.RowKey[PseudonymPrefix.Length..] : null))
        {
            throw Invalid(row, "RowKey");
        }

        return Id(row, PatientProperty);
    }

    public static TableEntity Organization(string partition, DirectoryOrganization organization)
    {
        var row = Row(partition, OrganizationKey(organization.Id));
        row[KindProperty] = organization.Kind == OrganizationKind.Clinic ? "clinic" : "insurer";
        return row;
    }

    public static TableEntity Patient(string partition, DirectoryPatient patient)
    {
        var row = Row(partition, PatientKey(patient.PatientId));
        row[OrganizationProperty] = patient.OrganizationId;
        return row;
    }

    public static TableEntity User(string partition, DirectoryUser user)
    {
        var row = Row(partition, UserKey(user.UserKey));
        row[RolesProperty] = string.Join(',', user.Roles.Order().Select(r => r.ToName()));
        if (user.OrganizationId is { } organization)
        {
            row[OrganizationProperty] = organization;
        }

        if (user.PatientId is { } patient)
        {
            row[PatientProperty] = patient;
        }

        return row;
    }

    public static TableEntity PatientUser(string partition, string patientId, string userKey)
    {
        var row = Row(partition, PatientUserKey(patientId));
        row[UserKeyProperty] = userKey;
        return row;
    }

    public static TableEntity Seed(string partition, int organizations, int patients, int users)
    {
        var row = Row(partition, SeedRow);
        row["Organizations"] = organizations;
        row["Patients"] = patients;
        row["Users"] = users;
        return row;
    }

    public static DirectoryOrganization ReadOrganization(TableEntity row)
    {
        CheckVersion(row);
        var id = IdAfter(row, "organization|");
        var kind = Text(row, KindProperty) switch
        {
            "clinic" => OrganizationKind.Clinic,
            "insurer" => OrganizationKind.Insurer,
            _ => throw Invalid(row, KindProperty),
        };
        return new DirectoryOrganization(id, kind);
    }

    public static DirectoryPatient ReadPatient(TableEntity row)
    {
        CheckVersion(row);
        return new DirectoryPatient(IdAfter(row, "patient|"), Id(row, OrganizationProperty));
    }

    public static DirectoryUser ReadUser(TableEntity row)
    {
        CheckVersion(row);
        var userKey = IdAfter(row, UserPrefix);
        var names = Text(row, RolesProperty).Split(',');
        var roles = new HashSet<Role>();
        foreach (var name in names)
        {
            if (RoleNames.Parse(name) is not { } role || !roles.Add(role))
            {
                throw Invalid(row, RolesProperty);
            }
        }

        var organization = row.TryGetValue(OrganizationProperty, out _) ? Id(row, OrganizationProperty) : null;
        var patient = row.TryGetValue(PatientProperty, out _) ? Id(row, PatientProperty) : null;
        return new DirectoryUser(userKey, roles, organization, patient);
    }

    public static string ReadPatientUser(TableEntity row)
    {
        CheckVersion(row);
        return Id(row, UserKeyProperty);
    }

    private static TableEntity Row(string partition, string rowKey)
    {
        var row = new TableEntity(partition, rowKey);
        row[Version] = FormatVersion;
        return row;
    }

    private static void CheckVersion(TableEntity row)
    {
        if (!row.TryGetValue(Version, out var value) || value.Type != TableEdmType.Int32 || value.AsInt32() != FormatVersion)
        {
            throw Invalid(row, Version);
        }
    }

    private static string IdAfter(TableEntity row, string prefix)
    {
        var id = row.RowKey.StartsWith(prefix, StringComparison.Ordinal) ? row.RowKey[prefix.Length..] : null;
        return IdentifierSyntax.IsValid(id) ? id : throw Invalid(row, "RowKey");
    }

    private static string Id(TableEntity row, string property)
    {
        var value = Text(row, property);
        return IdentifierSyntax.IsValid(value) ? value : throw Invalid(row, property);
    }

    private static string Text(TableEntity row, string property) =>
        row.TryGetValue(property, out var value) && value.Type == TableEdmType.String ? value.AsString() : throw Invalid(row, property);

    private static InvalidDataException Invalid(TableEntity row, string property) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Directory row {row.RowKey} of partition {row.PartitionKey}: {property} is missing or malformed."));
}
