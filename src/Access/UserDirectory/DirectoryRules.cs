using MedLedger.Access.Identifiers;
using MedLedger.Access.Identity;

namespace MedLedger.Access.UserDirectory;

/// <summary>
/// The rules a directory user must satisfy against the organizations and patients it names — the same rules
/// <see cref="DirectorySeed"/> checks in a seed document, for directories changed one entry at a time.
/// </summary>
/// <remarks>
/// A user has at least one role; clinicians belong to a clinic and insurers to an insurer (so nobody is both), and only
/// they name an organization; a user holds the patient role exactly when it names a patient. That a patient has at
/// most one user is a property of the whole directory, which the directory itself enforces.
/// </remarks>
public static class DirectoryRules
{
    /// <summary>Checks <paramref name="user"/> against the organization and patient it names, as the directory holds them.</summary>
    /// <param name="user">The user to check.</param>
    /// <param name="organization">The directory's entry for <see cref="DirectoryUser.OrganizationId"/>; null when it names none or an unknown one.</param>
    /// <param name="patient">The directory's entry for <see cref="DirectoryUser.PatientId"/>; null when it names none or an unknown one.</param>
    /// <returns>Null when the user is valid; otherwise a sentence naming the broken rule (never echoing input).</returns>
    public static string? Check(DirectoryUser user, DirectoryOrganization? organization, DirectoryPatient? patient)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!IdentifierSyntax.IsValid(user.UserKey))
        {
            return $"The user key must be 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.Alphabet}.";
        }

        if (user.Roles is null || user.Roles.Count == 0)
        {
            return "A user holds at least one role.";
        }

        if (user.Roles.Any(role => !Enum.IsDefined(role)))
        {
            return "A user holds only defined roles.";
        }

        var clinician = user.Roles.Contains(Role.Clinician);
        var insurer = user.Roles.Contains(Role.Insurer);
        if (clinician && insurer)
        {
            return "A user cannot be both a clinician and an insurer: the two need different kinds of organization.";
        }

        if (OrganizationProblem(user, clinician, insurer, organization) is { } organizationProblem)
        {
            return organizationProblem;
        }

        return PatientProblem(user, patient);
    }

    private static string? OrganizationProblem(DirectoryUser user, bool clinician, bool insurer, DirectoryOrganization? organization)
    {
        if (!clinician && !insurer)
        {
            return user.OrganizationId is null ? null : "Only clinicians and insurers belong to an organization.";
        }

        if (user.OrganizationId is null)
        {
            return "Clinicians and insurers must name their organization.";
        }

        var required = clinician ? OrganizationKind.Clinic : OrganizationKind.Insurer;
        if (organization is null || organization.Id != user.OrganizationId || organization.Kind != required)
        {
            return clinician
                ? "A clinician's organization must be a clinic in the directory."
                : "An insurer's organization must be an insurer in the directory.";
        }

        return null;
    }

    private static string? PatientProblem(DirectoryUser user, DirectoryPatient? patient)
    {
        if (!user.Roles.Contains(Role.Patient))
        {
            return user.PatientId is null ? null : "Only users with the patient role name a patient.";
        }

        if (user.PatientId is null)
        {
            return "A user with the patient role must name their patient id.";
        }

        return patient is null || patient.PatientId != user.PatientId ? "The patient must be in the directory." : null;
    }
}
