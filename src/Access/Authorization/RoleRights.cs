using MedLedger.Access.Identity;

namespace MedLedger.Access.Authorization;

/// <summary>
/// Which role may do which operation, and how far: the table in docs/authorization.md, which a test compares with
/// this code cell by cell.
/// </summary>
public static class RoleRights
{
    /// <summary>Every operation in declaration order.</summary>
    public static IReadOnlyList<AccessOperation> Operations { get; } =
    [
        AccessOperation.SubmitRecord, AccessOperation.ReadRecord, AccessOperation.ReadAccessLog, AccessOperation.ListConsents,
        AccessOperation.GrantConsent, AccessOperation.RevokeConsent, AccessOperation.VerifyClaim, AccessOperation.ManageDirectory,
    ];

    /// <summary>Gets how far <paramref name="role"/>'s right to <paramref name="operation"/> reaches.</summary>
    public static RightScope ScopeOf(Role role, AccessOperation operation) => (operation, role) switch
    {
        (AccessOperation.SubmitRecord, Role.Clinician) => RightScope.OwnOrganization,
        (AccessOperation.ReadRecord, Role.Clinician or Role.Patient or Role.Insurer) => RightScope.ConsentPolicy,
        (AccessOperation.ReadAccessLog, Role.Patient) => RightScope.OwnPatient,
        (AccessOperation.ReadAccessLog, Role.Auditor) => RightScope.AnyPatient,
        (AccessOperation.ListConsents, Role.Clinician) => RightScope.CareOrganization,
        (AccessOperation.ListConsents, Role.Patient) => RightScope.OwnPatient,
        (AccessOperation.ListConsents, Role.Auditor) => RightScope.AnyPatient,
        (AccessOperation.GrantConsent or AccessOperation.RevokeConsent, Role.Clinician) => RightScope.CareOrganization,
        (AccessOperation.GrantConsent or AccessOperation.RevokeConsent, Role.Patient) => RightScope.OwnPatient,
        (AccessOperation.VerifyClaim, Role.Insurer) => RightScope.SignedWebhook,
        (AccessOperation.ManageDirectory, Role.Admin) => RightScope.All,
        _ => RightScope.None,
    };

    /// <summary>Gets the wire code of <paramref name="operation"/>.</summary>
    public static string ToCode(this AccessOperation operation) => operation switch
    {
        AccessOperation.SubmitRecord => "submit-record",
        AccessOperation.ReadRecord => "read-record",
        AccessOperation.ReadAccessLog => "read-access-log",
        AccessOperation.ListConsents => "list-consents",
        AccessOperation.GrantConsent => "grant-consent",
        AccessOperation.RevokeConsent => "revoke-consent",
        AccessOperation.VerifyClaim => "verify-claim",
        AccessOperation.ManageDirectory => "manage-directory",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a defined operation."),
    };

    /// <summary>Gets the wire code of <paramref name="scope"/> (<c>—</c> for none).</summary>
    public static string ToCode(this RightScope scope) => scope switch
    {
        RightScope.None => "—",
        RightScope.OwnOrganization => "own-organization",
        RightScope.ConsentPolicy => "consent-policy",
        RightScope.OwnPatient => "own-patient",
        RightScope.CareOrganization => "care-organization",
        RightScope.AnyPatient => "any-patient",
        RightScope.SignedWebhook => "signed-webhook",
        RightScope.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a defined scope."),
    };
}
