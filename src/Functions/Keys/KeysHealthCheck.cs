using MedLedger.Functions.Http;
using MedLedger.Functions.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedLedger.Functions.Keys;

/// <summary>Checks that the wrapping and signing keys are loaded (from Key Vault or the local key directory).</summary>
internal sealed class KeysHealthCheck(LedgerKeysProvider keys) : IHealthCheck
{
    /// <summary>How long loading may take before the check gives up.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await keys.GetAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception) || exception is InvalidOperationException ||
            (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy("The keys are not available: " + ExceptionDescription.Describe(exception));
        }
    }
}
