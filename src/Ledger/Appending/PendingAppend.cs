using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Storage;

namespace MedLedger.Ledger.Appending;

/// <summary>One draft waiting for a group commit, with the task its caller awaits.</summary>
internal sealed class PendingAppend(EntryDraft draft, IReadOnlyList<LogIndexKey> indexKeys)
{
    public EntryDraft Draft { get; } = draft;

    /// <summary>Gets the index keys to write: the subject's, then the draft's own, without repeats.</summary>
    public IReadOnlyList<LogIndexKey> IndexKeys { get; } = indexKeys;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
