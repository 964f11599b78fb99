using Azure;

namespace MedLedger.Clients.Tables;

/// <summary>One operation of an entity group transaction.</summary>
/// <remarks>Conditional operations take their ETag explicitly (<see cref="ETag.All"/> for "whatever is
/// stored"), so an unconditional overwrite is always a visible decision.</remarks>
public sealed record TableTransactionAction
{
    private TableTransactionAction(TableTransactionActionType type, TableEntity entity, ETag ifMatch)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ActionType = type;
        Entity = entity;
        IfMatch = ifMatch;
    }

    /// <summary>Gets the operation.</summary>
    public TableTransactionActionType ActionType { get; }

    /// <summary>Gets the entity (for <see cref="TableTransactionActionType.Delete"/> only its keys matter).</summary>
    public TableEntity Entity { get; }

    /// <summary>Gets the ETag condition of updates and deletes (default for the other operations).</summary>
    public ETag IfMatch { get; }

    /// <summary>Inserts <paramref name="entity"/>.</summary>
    public static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity, default);

    /// <summary>Replaces the stored entity if its ETag is <paramref name="ifMatch"/>.</summary>
    public static TableTransactionAction UpdateReplace(TableEntity entity, ETag ifMatch) =>
        new(TableTransactionActionType.UpdateReplace, entity, RequireETag(ifMatch));

    /// <summary>Merges into the stored entity if its ETag is <paramref name="ifMatch"/>.</summary>
    public static TableTransactionAction UpdateMerge(TableEntity entity, ETag ifMatch) =>
        new(TableTransactionActionType.UpdateMerge, entity, RequireETag(ifMatch));

    /// <summary>Inserts or replaces <paramref name="entity"/>.</summary>
    public static TableTransactionAction UpsertReplace(TableEntity entity) => new(TableTransactionActionType.UpsertReplace, entity, default);

    /// <summary>Inserts or merges <paramref name="entity"/>.</summary>
    public static TableTransactionAction UpsertMerge(TableEntity entity) => new(TableTransactionActionType.UpsertMerge, entity, default);

    /// <summary>Deletes the entity with these keys if its ETag is <paramref name="ifMatch"/>.</summary>
    public static TableTransactionAction Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), RequireETag(ifMatch));

    private static ETag RequireETag(ETag etag) =>
        etag == default ? throw new ArgumentException("A conditional operation needs an ETag (ETag.All for unconditional).", nameof(etag)) : etag;
}
