namespace MedLedger.Access.Webhooks;

/// <summary>The replay-guard port: remembers (insurer, webhook id) pairs until their timestamp can no longer pass.</summary>
/// <remarks>
/// Implementations: <see cref="InMemoryReplayGuard"/> (one instance, local mode, tests) and <c>MedLedger.Infrastructure.Access.TableReplayGuard</c> in
/// Table Storage (several instances share it; an insert-if-absent makes the check atomic).
/// </remarks>
public interface IReplayGuard
{
    /// <summary>Records the pair unless it is already recorded.</summary>
    /// <param name="insurerId">The insurer.</param>
    /// <param name="webhookId">The delivery's <c>webhook-id</c>.</param>
    /// <param name="rememberUntil">When the pair may be forgotten: after it, the signed timestamp is outside the tolerance anyway.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ReplayGuardResult> TryRegisterAsync(string insurerId, string webhookId, DateTimeOffset rememberUntil, CancellationToken cancellationToken = default);
}
