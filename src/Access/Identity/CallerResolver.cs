using MedLedger.Access.UserDirectory;

namespace MedLedger.Access.Identity;

/// <summary>Combines what the identity provider says (the principal) with what the directory says (the user entry).</summary>
/// <remarks>
/// A caller's effective roles are the roles BOTH grant: removing a role in Entra ID or in the directory revokes it,
/// and neither can hand out a role alone. Organization and patient id come only from the directory, never from the
/// token or the request.
/// </remarks>
public static class CallerResolver
{
    /// <summary>Resolves <paramref name="principal"/> against its directory entry (null when the directory does not know it).</summary>
    /// <exception cref="ArgumentException"><paramref name="user"/> belongs to a different user key.</exception>
    public static CallerResolution Resolve(ClientPrincipal principal, DirectoryUser? user)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (user is null)
        {
            return CallerResolution.Refused(CallerResolutionFailure.UnknownUser);
        }

        if (!string.Equals(user.UserKey, principal.UserKey, StringComparison.Ordinal))
        {
            throw new ArgumentException("The directory entry belongs to a different user key.", nameof(user));
        }

        var roles = principal.Roles.Where(user.Roles.Contains).ToList();
        if (roles.Count == 0)
        {
            return CallerResolution.Refused(CallerResolutionFailure.NoRoleInCommon);
        }

        // Attributes follow the effective roles: an organization only with a role that has one, a patient id only
        // with the patient role.
        var organization = roles.Contains(Role.Clinician) || roles.Contains(Role.Insurer) ? user.OrganizationId : null;
        var patient = roles.Contains(Role.Patient) ? user.PatientId : null;
        return CallerResolution.Resolved(new Caller(user.UserKey, roles, organization, patient));
    }
}
