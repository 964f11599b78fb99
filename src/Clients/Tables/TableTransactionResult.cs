using Azure;

namespace MedLedger.Clients.Tables;

/// <summary>The outcome of an entity group transaction: all actions applied, or none (with the failure).</summary>
/// <remarks>A rejected transaction is a value, not an exception: under optimistic concurrency a 412 on a head row
/// or a 409 on an index row is an expected outcome. Call <see cref="EnsureSuccess"/> where it is not.</remarks>
public sealed record TableTransactionResult
{
    private TableTransactionResult(IReadOnlyList<ETag?> eTags, TableTransactionFailure? failure)
    {
        ETags = eTags;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether every action was applied.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Gets the new ETag of each action's entity, by action index (null for deletes; empty on failure).</summary>
    public IReadOnlyList<ETag?> ETags { get; }

    /// <summary>Gets the failure, when the transaction was rejected.</summary>
    public TableTransactionFailure? Failure { get; }

    /// <summary>A successful transaction.</summary>
    public static TableTransactionResult Success(IReadOnlyList<ETag?> eTags) => new(eTags, null);

    /// <summary>A rejected transaction.</summary>
    public static TableTransactionResult Failed(TableTransactionFailure failure) => new([], failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>Throws <see cref="RequestFailedException"/> (status and code of the failing action) if rejected.</summary>
    public TableTransactionResult EnsureSuccess(string tableName) =>
        Failure is { } failure ? throw failure.ToException(tableName) : this;
}
