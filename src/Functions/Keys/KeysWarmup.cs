namespace MedLedger.Functions.Keys;

/// <summary>Starts loading the keys as soon as the app starts, in the background, so the first request does not wait for Key Vault.</summary>
internal sealed class KeysWarmup(LedgerKeysProvider keys) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await keys.GetAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The provider logged it; the first request that needs the keys tries again.
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
