namespace MedLedger.Access.Authorization;

/// <summary>The object an operation concerns, as resolved from the directory (never from the caller's word).</summary>
/// <param name="PatientId">The patient named in the request, or null for operations without one.</param>
/// <param name="PatientOrganizationId">That patient's clinic according to the directory; null when the patient is unknown.</param>
public sealed record OperationTarget(string? PatientId, string? PatientOrganizationId)
{
    /// <summary>An operation that concerns no patient.</summary>
    public static OperationTarget None { get; } = new(null, null);
}
