using MedLedger.Access.Identity;

namespace MedLedger.Access.UserDirectory;

/// <summary>A user known to the directory.</summary>
/// <param name="UserKey">The user's stable id, matching the token's object id claim.</param>
/// <param name="Roles">The roles the directory grants; the caller's effective roles are these intersected with the token's.</param>
/// <param name="OrganizationId">The user's organization: set for clinicians and insurers, null otherwise.</param>
/// <param name="PatientId">The patient the user is: set for patients, null otherwise.</param>
public sealed record DirectoryUser(string UserKey, IReadOnlySet<Role> Roles, string? OrganizationId, string? PatientId);
