using Azure;
using MedLedger.Clients.Pipeline;

namespace MedLedger.Clients.Tables;

/// <summary>Why an entity group transaction was rejected: nothing of it was applied.</summary>
/// <param name="ActionIndex">The 0-based index of the failing action, when the service named one.</param>
/// <param name="Status">The HTTP status of the failing operation (e.g. 409, 412, 404, 400).</param>
/// <param name="ErrorCode">The service error code (e.g. <c>EntityAlreadyExists</c>, <c>UpdateConditionNotSatisfied</c>).</param>
/// <param name="Message">The first line of the service's message, without the index prefix.</param>
public sealed record TableTransactionFailure(int? ActionIndex, int Status, string? ErrorCode, string? Message)
{
    /// <summary>Creates the exception a caller throws when it cannot handle this failure.</summary>
    public RequestFailedException ToException(string tableName) =>
        StorageErrors.Create(
            Status,
            reason: null,
            ErrorCode,
            Message,
            $"Transaction on table '{tableName}'" + (ActionIndex is { } index ? $" (action {index})" : string.Empty),
            requestId: null);
}
