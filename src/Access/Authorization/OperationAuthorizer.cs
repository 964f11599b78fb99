using MedLedger.Access.Identity;

namespace MedLedger.Access.Authorization;

/// <summary>Checks a caller's role and scope for an operation on a target (OWASP API1/API5: object- and function-level checks).</summary>
/// <remarks>
/// The first role (in <see cref="RoleNames.All"/> order) that allows the operation outright wins; otherwise a role
/// with <see cref="RightScope.ConsentPolicy"/> sends the request on to the policy decision point; otherwise denied.
/// <see cref="RightScope.SignedWebhook"/> never allows a user session: claim verification authenticates by signature.
/// </remarks>
public static class OperationAuthorizer
{
    /// <summary>Authorizes <paramref name="operation"/> by <paramref name="caller"/> on <paramref name="target"/>.</summary>
    public static OperationDecision Authorize(Caller caller, AccessOperation operation, OperationTarget target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        OperationDecision? deferred = null;
        foreach (var role in RoleNames.All.Where(caller.Has))
        {
            var scope = RoleRights.ScopeOf(role, operation);
            if (scope == RightScope.ConsentPolicy)
            {
                deferred ??= new OperationDecision(OperationVerdict.RequiresPolicyDecision, role, scope);
            }
            else if (Reaches(scope, caller, target))
            {
                return new OperationDecision(OperationVerdict.Allowed, role, scope);
            }
        }

        return deferred ?? new OperationDecision(OperationVerdict.Denied, null, RightScope.None);
    }

    private static bool Reaches(RightScope scope, Caller caller, OperationTarget target) => scope switch
    {
        RightScope.OwnOrganization => caller.OrganizationId is not null,
        RightScope.OwnPatient => caller.PatientId is not null && string.Equals(caller.PatientId, target.PatientId, StringComparison.Ordinal),
        RightScope.CareOrganization => caller.OrganizationId is not null && target.PatientId is not null
            && string.Equals(caller.OrganizationId, target.PatientOrganizationId, StringComparison.Ordinal),
        RightScope.AnyPatient or RightScope.All => true,
        RightScope.None or RightScope.SignedWebhook or RightScope.ConsentPolicy => false,
        _ => false,
    };
}
