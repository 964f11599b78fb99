using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using MedLedger.Clients.Blobs;

namespace MedLedger.Cli.Records;

/// <summary>
/// Compares the records container with the <c>record.created</c> entries of a verified log, both ways: every entry's
/// blob must exist and hash to the SHA-256 the entry commits to, and every blob of the log must be named by an entry.
/// </summary>
/// <remarks>
/// <para>Intake stores the envelope blob create-only and only then enqueues the event that the appender turns into the
/// entry (after re-hashing the blob). So a blob without an entry is either on its way (the event is still queued) or an
/// orphan (the enqueue failed and the client got a 503): the grace period tells the two apart by the blob's
/// last-modified time against the injected clock. A missing or changed blob, on the other hand, means stored data no
/// longer matches what the log committed to.</para>
/// <para>Only names, sizes, times and hashes are reported: the envelopes are ciphertext, and their content is never
/// printed.</para>
/// </remarks>
internal sealed class RecordBlobAudit(BlobContainerClient container, TimeProvider time, TimeSpan grace, int maxDegreeOfParallelism = 4)
{
    /// <summary>Audits <paramref name="creations"/> against the blobs whose names start with <paramref name="prefix"/>.</summary>
    /// <exception cref="RequestFailedException">Storage failed (a missing container is not a failure: it holds no blobs).</exception>
    public async Task<BlobAuditResult> RunAsync(IReadOnlyList<RecordCreation> creations, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creations);
        var tamper = new ConcurrentBag<BlobFinding>();
        foreach (var creation in creations.Where(c => !c.IsComplete))
        {
            tamper.Add(new BlobFinding(BlobFindingKind.MalformedCreation, creation.BlobName, creation));
        }

        await Parallel.ForEachAsync(
            creations.Where(c => c.IsComplete),
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            async (creation, token) =>
            {
                if (await CheckAsync(creation, token).ConfigureAwait(false) is { } finding)
                {
                    tamper.Add(finding);
                }
            }).ConfigureAwait(false);

        // Read the clock before listing: a blob written while the listing runs is then at worst counted as pending.
        var now = time.GetUtcNow();
        var named = creations.Where(c => c.BlobName is not null).Select(c => c.BlobName!).ToHashSet(StringComparer.Ordinal);
        var unnamed = new List<BlobFinding>();
        var listed = 0;
        await foreach (var blob in ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            listed++;
            if (!named.Contains(blob.Name))
            {
                var kind = blob.LastModified > now - grace ? BlobFindingKind.Pending : BlobFindingKind.Orphan;
                unnamed.Add(new BlobFinding(kind, blob.Name, null, blob.ContentLength, blob.LastModified));
            }
        }

        var findings = tamper.OrderBy(f => f.Creation!.Index).ThenBy(f => f.BlobName, StringComparer.Ordinal)
            .Concat(unnamed.OrderBy(f => f.Kind).ThenBy(f => f.BlobName, StringComparer.Ordinal))
            .ToList();
        return new BlobAuditResult(findings, creations.Count, listed);
    }

    private async Task<BlobFinding?> CheckAsync(RecordCreation creation, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = await container.DownloadAsync(creation.BlobName!, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode is "BlobNotFound" or "ContainerNotFound")
        {
            return new BlobFinding(BlobFindingKind.Missing, creation.BlobName, creation);
        }
        catch (ArgumentException)
        {
            // A name no blob can have (the client refuses it before sending): there is no such blob.
            return new BlobFinding(BlobFindingKind.Missing, creation.BlobName, creation);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(download.Content.ToMemory().Span));
        return actual == creation.CiphertextSha256
            ? null
            : new BlobFinding(BlobFindingKind.Changed, creation.BlobName, creation, download.Properties.ContentLength, download.Properties.LastModified, actual);
    }

    private async IAsyncEnumerable<BlobItem> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = container.GetBlobsAsync(prefix, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException exception) when (exception.Status == 404 && exception.ErrorCode == "ContainerNotFound")
                {
                    // No container yet (no record was ever stored): nothing to list.
                    yield break;
                }

                yield return pages.Current;
            }
        }
    }
}
