using System.Security.Cryptography;
using Azure;
using Azure.Core.Cryptography;
using MedLedger.Infrastructure.Keys;

namespace MedLedger.Infrastructure.Records.Envelope;

/// <summary>Decrypts envelopes, returning the plaintext or a failure value — never unauthenticated plaintext.</summary>
/// <remarks>
/// The version byte selects the format (only <see cref="EnvelopeV1"/> today). The recorded key id is resolved through
/// the <see cref="IKeyEncryptionKeyResolver"/> and the data key is unwrapped with exactly that key version (or taken from
/// the <see cref="DataKeyCache"/>). Expected failures — malformed bytes, unknown versions, algorithms or keys, a wrapped
/// key that does not unwrap, an authentication failure — are values (<see cref="EnvelopeFailureKind"/>). Key Vault
/// availability problems (throttling beyond retries, 5xx, 401/403) still throw <see cref="RequestFailedException"/>:
/// they say nothing about the envelope.
/// </remarks>
/// <threadsafety>Safe for concurrent use when the resolver and its keys are.</threadsafety>
public sealed class EnvelopeDecryptor
{
    private readonly IKeyEncryptionKeyResolver _resolver;
    private readonly DataKeyCache? _dataKeyCache;

    /// <summary>Creates a decryptor.</summary>
    /// <param name="resolver">Maps recorded key ids to key encryption keys.</param>
    /// <param name="dataKeyCache">Optional cache of unwrapped data keys.</param>
    public EnvelopeDecryptor(IKeyEncryptionKeyResolver resolver, DataKeyCache? dataKeyCache = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        _dataKeyCache = dataKeyCache;
    }

    /// <summary>Decrypts <paramref name="envelope"/>, which must have been encrypted for the same <paramref name="context"/>.</summary>
    /// <param name="envelope">The envelope bytes.</param>
    /// <param name="context">The record's log, id and patient pseudonym.</param>
    /// <param name="cancellationToken">Cancels the key unwrap.</param>
    /// <returns>The plaintext, or why there is none.</returns>
    /// <exception cref="RequestFailedException">Key Vault was unavailable or refused for a reason unrelated to the envelope.</exception>
    public async Task<EnvelopeDecryptionResult> DecryptAsync(ReadOnlyMemory<byte> envelope, EnvelopeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (envelope.IsEmpty)
        {
            return EnvelopeDecryptionResult.Failed(EnvelopeFailureKind.Malformed, "the envelope is empty");
        }

        return envelope.Span[0] switch
        {
            EnvelopeV1.Version => await DecryptV1Async(envelope, context, cancellationToken).ConfigureAwait(false),
            var version => EnvelopeDecryptionResult.Failed(EnvelopeFailureKind.UnsupportedVersion, $"envelope version {version} is not supported"),
        };
    }

    private async Task<EnvelopeDecryptionResult> DecryptV1Async(ReadOnlyMemory<byte> data, EnvelopeContext context, CancellationToken cancellationToken)
    {
        if (!EnvelopeV1.TryParse(data, out var envelope, out var failure))
        {
            return EnvelopeDecryptionResult.Failed(failure);
        }

        byte[]? dataKey = null;
        var fromCache = false;
        try
        {
            fromCache = _dataKeyCache is not null && _dataKeyCache.TryGetKey(envelope.KeyId, envelope.WrapAlgorithm, envelope.WrappedKey.Span, out dataKey);
            if (!fromCache)
            {
                (dataKey, var unwrapFailure) = await UnwrapAsync(envelope, cancellationToken).ConfigureAwait(false);
                if (unwrapFailure is not null)
                {
                    return EnvelopeDecryptionResult.Failed(unwrapFailure, envelope.KeyId);
                }
            }

            var plaintext = envelope.Open(dataKey, context);
            if (plaintext is null)
            {
                return EnvelopeDecryptionResult.Failed(
                    EnvelopeFailureKind.IntegrityCheckFailed,
                    "authentication failed: the envelope was changed, or it belongs to another record, patient or log",
                    envelope.KeyId);
            }

            // Cache only freshly unwrapped keys: re-adding a cached one would stretch its lifetime on every read.
            if (!fromCache)
            {
                _dataKeyCache?.Add(envelope.KeyId, envelope.WrapAlgorithm, envelope.WrappedKey.Span, dataKey!);
            }

            return EnvelopeDecryptionResult.Success(plaintext, envelope.KeyId);
        }
        finally
        {
            if (dataKey is not null)
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }
    }

    private async Task<(byte[]? DataKey, EnvelopeFailure? Failure)> UnwrapAsync(EnvelopeV1 envelope, CancellationToken cancellationToken)
    {
        IKeyEncryptionKey keyEncryptionKey;
        try
        {
            keyEncryptionKey = await _resolver.ResolveAsync(envelope.KeyId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return (null, new EnvelopeFailure(EnvelopeFailureKind.UnknownKey, $"no key encryption key is known for '{envelope.KeyId}'"));
        }

        // Unwrap with exactly the recorded key: a resolver that answers with another key is refused.
        if (!string.Equals(keyEncryptionKey.KeyId, envelope.KeyId, StringComparison.Ordinal))
        {
            return (null, new EnvelopeFailure(EnvelopeFailureKind.UnknownKey, $"the resolver answered '{keyEncryptionKey.KeyId}' for '{envelope.KeyId}'"));
        }

        byte[] dataKey;
        try
        {
            dataKey = await keyEncryptionKey.UnwrapKeyAsync(envelope.WrapAlgorithm, envelope.WrappedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException)
        {
            return (null, new EnvelopeFailure(EnvelopeFailureKind.KeyUnwrapFailed, $"key '{envelope.KeyId}' could not unwrap the data key"));
        }
        catch (RequestFailedException exception) when (exception.Status == 400)
        {
            // Key Vault answers 400 BadParameter when the value does not decrypt under the key (OAEP padding error).
            return (null, new EnvelopeFailure(EnvelopeFailureKind.KeyUnwrapFailed, $"Key Vault could not unwrap the data key with '{envelope.KeyId}' ({exception.ErrorCode})"));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return (null, new EnvelopeFailure(EnvelopeFailureKind.UnknownKey, $"Key Vault has no key '{envelope.KeyId}' ({exception.ErrorCode})"));
        }

        if (dataKey.Length != EnvelopeV1.DataKeyLength)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            return (null, new EnvelopeFailure(EnvelopeFailureKind.KeyUnwrapFailed, $"the unwrapped data key has {dataKey.Length} bytes, not {EnvelopeV1.DataKeyLength}"));
        }

        return (dataKey, null);
    }
}
