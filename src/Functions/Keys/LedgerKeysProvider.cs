using MedLedger.Clients.KeyVault;
using MedLedger.Functions.Configuration;
using MedLedger.Functions.LedgerLogs;
using MedLedger.Infrastructure.Keys;
using MedLedger.Ledger.Checkpoints;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Keys;

/// <summary>
/// Loads the keys once, in the background, and hands them to every caller: from Key Vault when
/// <c>MedLedger:KeyVaultUri</c> is set (the wrapping key's latest version, a resolver for older versions, and the
/// signing key), otherwise from the local development key directory (created on first use).
/// </summary>
/// <remarks>
/// Loading never blocks start-up (the Functions host gives a custom handler 30 s to answer <c>GET /</c>). A failed
/// load is not remembered: the next caller tries again, so a vault that was briefly unreachable recovers by itself.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed partial class LedgerKeysProvider(
    IOptions<MedLedgerOptions> options,
    LogRouter router,
    DataKeyCache dataKeyCache,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<LedgerKeysProvider> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private Task<LedgerKeys>? _loading;

    /// <summary>Returns the keys, loading them if no load succeeded yet.</summary>
    /// <exception cref="Azure.RequestFailedException">Key Vault refused or could not be reached.</exception>
    /// <exception cref="InvalidOperationException">A key is unusable (wrong type, disabled) or a key file is invalid.</exception>
    public Task<LedgerKeys> GetAsync(CancellationToken cancellationToken = default)
    {
        Task<LedgerKeys> loading;
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                // Bound to the app's lifetime, not the caller's request: other callers share this load.
                _loading = LoadAsync(lifetime.ApplicationStopping);
            }

            loading = _loading;
        }

        return loading.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        Task<LedgerKeys>? loading;
        lock (_gate)
        {
            loading = _loading;
        }

        if (loading is { IsCompletedSuccessfully: true })
        {
            loading.Result.Dispose();
        }
    }

    private async Task<LedgerKeys> LoadAsync(CancellationToken cancellationToken)
    {
        // Off the caller's synchronous path: the first await may be a slow file or network operation.
        await Task.Yield();
        var settings = options.Value;
        try
        {
            var keys = settings.KeyVaultUri is { } vault
                ? await LoadFromKeyVaultAsync(vault, settings, cancellationToken).ConfigureAwait(false)
                : await LoadLocalAsync(settings.LocalKeyDirectory!, cancellationToken).ConfigureAwait(false);
            LogLoaded(logger, keys.Source, keys.WrappingKeyId);
            return keys;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLoadFailed(logger, Http.ExceptionDescription.Describe(exception));
            throw;
        }
    }

    private async Task<LedgerKeys> LoadFromKeyVaultAsync(Uri vault, MedLedgerOptions settings, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<KeyVaultKeysClient>();
        var wrapping = await KeyVaultKeyEncryptionKey.CreateAsync(client, settings.WrappingKeyName!, cancellationToken: cancellationToken).ConfigureAwait(false);
        var signers = new Dictionary<string, ICheckpointSigner>(StringComparer.Ordinal);
        ReadOnlyMemory<byte> publicKeyInfo = default;
        foreach (var logName in router.LogNames)
        {
            var signer = await KeyVaultCheckpointSigner.CreateAsync(client, logName, settings.SigningKeyName!, cancellationToken: cancellationToken).ConfigureAwait(false);
            signers.Add(logName, signer);
            publicKeyInfo = signer.PublicKeyInfo;
        }

        // Records wrapped by older versions of the key (or a previous key) still decrypt: the resolver asks the vault.
        var resolver = new KeyEncryptionKeyRing([wrapping], new KeyVaultKeyEncryptionKeyResolver(client));
        return new LedgerKeys(vault.GetLeftPart(UriPartial.Authority), wrapping, resolver, signers, publicKeyInfo, dataKeyCache, owned: null);
    }

    private async Task<LedgerKeys> LoadLocalAsync(string directory, CancellationToken cancellationToken)
    {
        var keys = await DevelopmentKeyDirectory.LoadOrCreateAsync(directory, cancellationToken).ConfigureAwait(false);
        try
        {
            var signers = router.LogNames.ToDictionary(name => name, name => (ICheckpointSigner)keys.CreateCheckpointSigner(name), StringComparer.Ordinal);
            var resolver = new KeyEncryptionKeyRing([keys.WrappingKey]);
            return new LedgerKeys("local development keys", keys.WrappingKey, resolver, signers, keys.SigningPublicKeyInfo, dataKeyCache, owned: keys);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keys loaded from {Source}; records are wrapped by {WrappingKeyId}")]
    private static partial void LogLoaded(ILogger logger, string source, string wrappingKeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the keys failed: {Exception}; the next request tries again")]
    private static partial void LogLoadFailed(ILogger logger, string exception);
}
