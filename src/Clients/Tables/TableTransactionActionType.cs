namespace MedLedger.Clients.Tables;

/// <summary>The operation an entity group transaction performs on one entity.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails with 409 <c>EntityAlreadyExists</c> when the entity exists.</summary>
    Add,

    /// <summary>Replace an existing entity if its ETag matches (412 otherwise; 404 when missing).</summary>
    UpdateReplace,

    /// <summary>Merge into an existing entity if its ETag matches (412 otherwise; 404 when missing).</summary>
    UpdateMerge,

    /// <summary>Insert or replace, unconditionally.</summary>
    UpsertReplace,

    /// <summary>Insert or merge, unconditionally.</summary>
    UpsertMerge,

    /// <summary>Delete an existing entity if its ETag matches (412 otherwise; 404 when missing).</summary>
    Delete,
}
