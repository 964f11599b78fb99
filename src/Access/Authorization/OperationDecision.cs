using MedLedger.Access.Identity;

namespace MedLedger.Access.Authorization;

/// <summary>The outcome of <see cref="OperationAuthorizer.Authorize"/>.</summary>
/// <param name="Verdict">Allowed, denied, or up to the policy decision point.</param>
/// <param name="Role">The role whose right applied; null when denied.</param>
/// <param name="Scope">The scope that applied; <see cref="RightScope.None"/> when denied.</param>
public sealed record OperationDecision(OperationVerdict Verdict, Role? Role, RightScope Scope);
