using Azure.Core;

namespace MedLedger.Clients.Pipeline;

/// <summary>Decides which responses are errors and which are worth retrying.</summary>
/// <remarks>
/// Retries 408, 429 and 5xx except 501 (not implemented) and 505 (version not supported), which no retry can
/// fix. Everything at or above 400 is an error. Clients map expected statuses (404, 409, 412) themselves.
/// </remarks>
internal sealed class StorageResponseClassifier : ResponseClassifier
{
    public static StorageResponseClassifier Shared { get; } = new();

    /// <inheritdoc />
    public override bool IsRetriableResponse(HttpMessage message)
    {
        var status = message.Response.Status;
        return status is 408 or 429 || (status >= 500 && status is not 501 and not 505);
    }

    /// <inheritdoc />
    public override bool IsErrorResponse(HttpMessage message) => message.Response.Status >= 400;
}
