using System.Globalization;
using System.Text;
using Azure;
using MedLedger.Clients.Blobs;
using MedLedger.Ledger.Checkpoints;

namespace MedLedger.Functions.LedgerLogs;

/// <summary>
/// The write-once copy of every signed checkpoint in the <c>checkpoints</c> container: blob
/// <c>&lt;origin&gt;/&lt;tree size, 20 digits&gt;</c>, <c>text/plain</c>, created only if absent. A copy outside the
/// table means a rewritten log table cannot also rewrite the checkpoints verifiers compare it with.
/// </summary>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class CheckpointArchive(BlobContainerClient container)
{
    /// <summary>The content type of archived checkpoints (signed notes are UTF-8 text).</summary>
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>Returns the blob name of the checkpoint of <paramref name="origin"/> at <paramref name="treeSize"/>.</summary>
    public static string BlobNameOf(string origin, long treeSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}/{treeSize:D20}");

    /// <summary>
    /// Archives <paramref name="signedNote"/> for <paramref name="checkpoint"/>, or returns the note already archived for
    /// the same tree head (an earlier run signed it and stopped before storing it in the log).
    /// </summary>
    /// <returns>The archived note: the one to store in the log, so the table and the archive agree.</returns>
    /// <exception cref="InvalidOperationException">A note for another root is archived at this size: two different trees of one size (a fork).</exception>
    /// <exception cref="RequestFailedException">Blob storage failed.</exception>
    public async Task<string> ArchiveAsync(Checkpoint checkpoint, string signedNote, CancellationToken cancellationToken = default)
    {
        var name = BlobNameOf(checkpoint.Origin, checkpoint.TreeSize);
        var upload = await container.UploadIfNotExistsAsync(
            name, BinaryData.FromString(signedNote), new BlobUploadOptions { ContentType = ContentType }, cancellationToken).ConfigureAwait(false);
        if (upload.Created)
        {
            return signedNote;
        }

        var existing = Encoding.UTF8.GetString((await container.DownloadAsync(name, cancellationToken).ConfigureAwait(false)).Content.ToMemory().Span);
        if (SignedNote.TryParse(existing, out var note, out _) &&
            Checkpoint.TryParse(note.Text, out var archived, out _) &&
            archived.Origin == checkpoint.Origin && archived.TreeSize == checkpoint.TreeSize && archived.RootHash == checkpoint.RootHash)
        {
            return existing;
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"The archive holds a different checkpoint for {checkpoint.Origin} at size {checkpoint.TreeSize}: refusing to sign a second tree of the same size."));
    }
}
