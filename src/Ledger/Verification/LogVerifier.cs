using System.Globalization;
using System.Runtime.CompilerServices;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Merkle;
using MedLedger.Ledger.Storage;

namespace MedLedger.Ledger.Verification;

/// <summary>
/// Re-verifies a whole log from its entries and signed checkpoints: every entry canonical, sequence numbers contiguous
/// from 0, every <c>prev</c> link, and the Merkle root at every checkpoint's size (RFC 9162 §2.1.1).
/// </summary>
/// <remarks>
/// <para>Streams any number of entries in constant memory (two batches and the tree's right edge), parsing and hashing
/// in parallel while links and roots are checked in order. The result names the first bad index and the fault, located
/// with one entry of look-ahead (see <see cref="VerificationFault"/>). Hostile input never throws: malformed entries,
/// checkpoints and proofs are faults.</para>
/// <para>Checkpoints are checked first: each must carry a valid signature from a trusted key, all must name the same
/// log, and two for the same size must agree (otherwise <see cref="VerificationFault.Fork"/>). Memory grows with the
/// number of checkpoints given (a few dozen bytes each), not with the number of entries.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use; each call is independent.</threadsafety>
public sealed class LogVerifier
{
    private readonly List<CheckpointVerifierKey> _trustedKeys;
    private readonly LogVerifierOptions _options;

    /// <summary>Creates a verifier that trusts <paramref name="trustedKeys"/> for checkpoint signatures.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options' parallelism or batch size is less than 1.</exception>
    public LogVerifier(IEnumerable<CheckpointVerifierKey> trustedKeys, LogVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustedKeys);
        _trustedKeys = [.. trustedKeys];
        _options = options ?? new LogVerifierOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1, nameof(options));
    }

    /// <summary>Verifies a stream of entry bytes (index 0 first) against signed checkpoints.</summary>
    /// <param name="entries">The entries in index order. Each item is copied before the next is requested, so a reader may reuse its buffer.</param>
    /// <param name="signedCheckpoints">Signed checkpoint notes, in any order (may be empty: then only internal consistency is checked).</param>
    /// <param name="progress">Receives the number of entries verified so far, after each batch.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The outcome; faults in the data are values, never exceptions.</returns>
    public Task<VerificationResult> VerifyAsync(
        IAsyncEnumerable<ReadOnlyMemory<byte>> entries,
        IEnumerable<string> signedCheckpoints,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        return VerifyCoreAsync(entries, signedCheckpoints, _options, progress, cancellationToken);
    }

    /// <summary>Verifies entries read from a store (their bytes; the store's index numbers are not trusted).</summary>
    /// <inheritdoc cref="VerifyAsync(IAsyncEnumerable{ReadOnlyMemory{byte}}, IEnumerable{string}, IProgress{long}?, CancellationToken)"/>
    public Task<VerificationResult> VerifyAsync(
        IAsyncEnumerable<StoredEntry> entries,
        IEnumerable<string> signedCheckpoints,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(signedCheckpoints);
        return VerifyCoreAsync(BytesOf(entries, cancellationToken), signedCheckpoints, _options, progress, cancellationToken);
    }

    /// <summary>
    /// Verifies everything a store holds: all entries up to its head against all its checkpoints, and that the head's
    /// root is the root of those entries.
    /// </summary>
    /// <inheritdoc cref="VerifyAsync(IAsyncEnumerable{ReadOnlyMemory{byte}}, IEnumerable{string}, IProgress{long}?, CancellationToken)"/>
    public async Task<VerificationResult> VerifyStoreAsync(ILogStore store, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var checkpoints = new List<string>();
        await foreach (var checkpoint in store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false))
        {
            checkpoints.Add(checkpoint.SignedNote);
        }

        var head = await store.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var options = new LogVerifierOptions
        {
            LogName = _options.LogName ?? store.LogName,
            MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism,
            BatchSize = _options.BatchSize,
        };
        var result = await VerifyCoreAsync(
            BytesOf(store.ReadEntriesAsync(0, head.Size, cancellationToken), cancellationToken), checkpoints, options, progress, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        if (result.EntriesVerified != head.Size)
        {
            return VerificationResult.Invalid(
                VerificationFault.Truncated,
                result.EntriesVerified,
                result.EntriesVerified,
                result.CheckpointedSize,
                Invariant($"The store's head says {head.Size} entries but it returned {result.EntriesVerified}."));
        }

        if (result.RootHash != head.RootHash)
        {
            return VerificationResult.Invalid(
                VerificationFault.RootMismatch,
                head.Size - 1,
                head.Size - 1,
                result.CheckpointedSize,
                $"The store's head root {head.RootHash.ToBase64()} is not the root of its entries ({result.RootHash?.ToBase64()}).");
        }

        return result;
    }

    /// <summary>
    /// Checks, without the log, that two signed checkpoints are consistent: the older tree is a prefix of the newer
    /// (RFC 9162 §2.1.4.2). Detects a fork from two checkpoints and a consistency proof alone.
    /// </summary>
    /// <param name="firstCheckpoint">One signed checkpoint.</param>
    /// <param name="secondCheckpoint">Another signed checkpoint (either may be the larger).</param>
    /// <param name="consistencyProof">The consistency proof from the smaller tree size to the larger.</param>
    /// <returns>Valid, or <see cref="VerificationFault.Fork"/> when they cannot both be true, or the checkpoint fault.</returns>
    public VerificationResult VerifyConsistency(string firstCheckpoint, string secondCheckpoint, IReadOnlyList<LedgerHash> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(firstCheckpoint);
        ArgumentNullException.ThrowIfNull(secondCheckpoint);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        var prepared = PrepareCheckpoints([firstCheckpoint, secondCheckpoint], _options.LogName, out var failure, out _, rejectForks: false);
        if (failure is not null)
        {
            return failure;
        }

        var (older, newer) = prepared[0].Size <= prepared[1].Size ? (prepared[0], prepared[1]) : (prepared[1], prepared[0]);
        if (!MerkleProofs.VerifyConsistency(older.Size, newer.Size, older.Root, newer.Root, consistencyProof))
        {
            var reason = older.Size == newer.Size
                ? Invariant($"Both checkpoints are signed for size {older.Size} but their roots differ.")
                : Invariant($"The consistency proof ({consistencyProof.Count} hashes) does not show that the tree of {older.Size} entries is a prefix of the tree of {newer.Size}.");
            return VerificationResult.Invalid(VerificationFault.Fork, null, 0, 0, reason);
        }

        return VerificationResult.Valid(
            0, newer.Size, newer.Root, Invariant($"The checkpoint for {older.Size} entries is a prefix of the checkpoint for {newer.Size}."));
    }

    private async Task<VerificationResult> VerifyCoreAsync(
        IAsyncEnumerable<ReadOnlyMemory<byte>> entries,
        IEnumerable<string> signedCheckpoints,
        LogVerifierOptions options,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var checkpoints = PrepareCheckpoints(signedCheckpoints, options.LogName, out var failure, out var origin, rejectForks: true);
        if (failure is not null)
        {
            return failure;
        }

        var run = new VerificationRun(checkpoints, options.LogName ?? origin, options, progress);
        return await run.RunAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    private List<TrustedCheckpoint> PrepareCheckpoints(
        IEnumerable<string> signedCheckpoints, string? logName, out VerificationResult? failure, out string? origin, bool rejectForks)
    {
        failure = null;
        origin = null;
        var checkpoints = new List<TrustedCheckpoint>();
        var position = 0;
        foreach (var note in signedCheckpoints)
        {
            position++;
            var verified = CheckpointVerifier.Verify(note ?? string.Empty, _trustedKeys, logName);
            if (!verified.IsValid)
            {
                var fault = verified.Error switch
                {
                    CheckpointError.BadSignature => VerificationFault.BadSignature,
                    CheckpointError.UnknownKey => VerificationFault.UnknownKey,
                    CheckpointError.OriginMismatch => VerificationFault.LogMismatch,
                    CheckpointError.MalformedNote or CheckpointError.MalformedCheckpoint => VerificationFault.MalformedCheckpoint,
                    CheckpointError.None => throw new System.Diagnostics.UnreachableException(),
                    _ => throw new System.Diagnostics.UnreachableException(),
                };
                failure = VerificationResult.Invalid(fault, null, 0, 0, Invariant($"Checkpoint {position}: {verified.Message}"));
                return checkpoints;
            }

            var checkpoint = verified.Checkpoint;
            if (origin is not null && checkpoint.Origin != origin)
            {
                failure = VerificationResult.Invalid(
                    VerificationFault.LogMismatch, null, 0, 0, Invariant($"Checkpoint {position} is for '{checkpoint.Origin}', the others for '{origin}'."));
                return checkpoints;
            }

            origin = checkpoint.Origin;
            if (checkpoint.TreeSize == 0 && checkpoint.RootHash != MerkleHash.EmptyRoot)
            {
                failure = VerificationResult.Invalid(
                    VerificationFault.RootMismatch, null, 0, 0, Invariant($"Checkpoint {position} is signed for size 0 with a root that is not the empty tree's."));
                return checkpoints;
            }

            checkpoints.Add(new TrustedCheckpoint(checkpoint.TreeSize, checkpoint.RootHash, position));
        }

        if (!rejectForks)
        {
            return checkpoints;
        }

        checkpoints.Sort(static (a, b) => a.Size.CompareTo(b.Size));
        var distinct = new List<TrustedCheckpoint>(checkpoints.Count);
        foreach (var checkpoint in checkpoints)
        {
            if (distinct.Count > 0 && distinct[^1].Size == checkpoint.Size)
            {
                if (distinct[^1].Root != checkpoint.Root)
                {
                    failure = VerificationResult.Invalid(
                        VerificationFault.Fork,
                        null,
                        0,
                        0,
                        Invariant($"Checkpoints {distinct[^1].Position} and {checkpoint.Position} are both validly signed for size {checkpoint.Size} but have different roots: the log forked."));
                    return distinct;
                }

                continue;
            }

            // An empty tree has nothing to compare against entries.
            if (checkpoint.Size > 0)
            {
                distinct.Add(checkpoint);
            }
        }

        return distinct;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> BytesOf(
        IAsyncEnumerable<StoredEntry> entries, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry.Bytes;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
