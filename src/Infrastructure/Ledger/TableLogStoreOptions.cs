using MedLedger.Clients.Tables;
using MedLedger.Ledger.Entries;

namespace MedLedger.Infrastructure.Ledger;

/// <summary>Options for <see cref="TableLogStore"/>.</summary>
public sealed class TableLogStoreOptions
{
    /// <summary>The most entry bytes one append carries by default: 2.5 MiB.</summary>
    /// <remarks>
    /// A transaction's request body is at most 4 MiB (<see cref="TableLimits.MaxTransactionBytes"/>). Binary values
    /// travel as base64 (4/3 of their size), so 2.5 MiB of entries take 3.34 MiB; the remaining 0.66 MiB comfortably
    /// holds the multipart framing and keys of 100 operations and the tiles (at most about 10 KiB of base64 each).
    /// </remarks>
    public const int DefaultMaxAppendEntryBytes = 5 * 512 * 1024;

    /// <summary>Gets or sets how many operations one append may carry (<see cref="MedLedger.Ledger.Storage.ILogStore.MaxAppendOperations"/>).</summary>
    /// <value>4 to 100; defaults to 100, the entity-group transaction limit. Tests lower it to force small batches.</value>
    public int MaxAppendOperations { get; set; } = TableLimits.MaxTransactionActions;

    /// <summary>Gets or sets how many entry bytes one append may carry (<see cref="MedLedger.Ledger.Storage.ILogStore.MaxAppendEntryBytes"/>).</summary>
    /// <value><see cref="EntryFormat.MaxEntryBytes"/> to <see cref="DefaultMaxAppendEntryBytes"/> (the default).</value>
    public int MaxAppendEntryBytes { get; set; } = DefaultMaxAppendEntryBytes;

    /// <summary>Gets or sets how many entries one query page asks for when reading entries.</summary>
    /// <value>1 to 1000; defaults to 250 (at most about 22 MiB of base64 per page when every entry has the largest size).</value>
    public int EntryPageSize { get; set; } = 250;

    /// <summary>Gets or sets how many point reads <see cref="TableLogStore.ReadTilesAsync"/> runs at once.</summary>
    /// <value>At least 1; defaults to 8.</value>
    public int MaxConcurrentReads { get; set; } = 8;
}
