using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Identity;

/// <summary>An authenticated caller as the policy sees it: the user key, the roles both the token and the directory give,
/// and the directory's organization and patient id.</summary>
public sealed record Caller
{
    /// <summary>Creates a caller.</summary>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    public Caller(string userKey, IEnumerable<Role> roles, string? organizationId = null, string? patientId = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        UserKey = IdentifierSyntax.Require(userKey, nameof(userKey));
        Roles = roles.ToHashSet();
        OrganizationId = organizationId is null ? null : IdentifierSyntax.Require(organizationId, nameof(organizationId));
        PatientId = patientId is null ? null : IdentifierSyntax.Require(patientId, nameof(patientId));
    }

    /// <summary>Gets the caller's stable id (the Entra object id; <c>dr-ada</c> in the demo directory).</summary>
    public string UserKey { get; }

    /// <summary>Gets the caller's effective roles.</summary>
    public IReadOnlySet<Role> Roles { get; }

    /// <summary>Gets the caller's organization (clinicians and insurers), or null.</summary>
    public string? OrganizationId { get; }

    /// <summary>Gets the patient id the caller is (patients), or null.</summary>
    public string? PatientId { get; }

    /// <summary>Tells whether the caller holds <paramref name="role"/>.</summary>
    public bool Has(Role role) => Roles.Contains(role);
}
