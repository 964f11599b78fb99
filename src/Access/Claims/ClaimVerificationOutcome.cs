using MedLedger.Access.LedgerEvents;

namespace MedLedger.Access.Claims;

/// <summary>The result of checking a claim (<see cref="ClaimVerifier.Verify"/>): verified or why not, and the disclosure decision to log.</summary>
/// <param name="Verified">Whether the claim is verified.</param>
/// <param name="Reasons">Why not; empty when verified.</param>
/// <param name="Decision">The decision to log: the policy's <c>disclose</c> decision, or a refusal when no record was found.</param>
/// <param name="RecordId">The record found, or null.</param>
public sealed record ClaimVerificationOutcome(bool Verified, IReadOnlyList<ClaimVerificationReason> Reasons, DecisionDetails Decision, string? RecordId);
