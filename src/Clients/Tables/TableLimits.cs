namespace MedLedger.Clients.Tables;

/// <summary>Table service limits the client enforces before sending (Table service data model; entity group
/// transactions; shared/reference/azure-protocols.md §2.5, §2.6).</summary>
public static class TableLimits
{
    /// <summary>The longest PartitionKey or RowKey: 1 KiB of UTF-16, i.e. 512 characters (Azurite's cap too).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>The longest property name.</summary>
    public const int MaxPropertyNameLength = 255;

    /// <summary>The most properties an entity may have besides PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxProperties = 252;

    /// <summary>The longest string property: 64 KiB of UTF-16, i.e. 32 K characters.</summary>
    public const int MaxStringLength = 32 * 1024;

    /// <summary>The largest binary property: 64 KiB.</summary>
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>The largest entity, by the service's size formula: 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>The most operations in one entity group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>The largest entity group transaction request body: 4 MiB.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>The most entities one query page returns (<c>$top</c> upper bound).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The earliest <c>Edm.DateTime</c> the service stores.</summary>
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
