using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedLedger.Clients.Pipeline;

/// <summary>Stamps <c>x-ms-version</c> and a fresh <c>x-ms-date</c> on every attempt.</summary>
/// <remarks>
/// Runs per retry, before signing: a retried request must carry a new date, or the service rejects it as too old
/// once the back-off has been long enough (SharedKey signs the date).
/// </remarks>
internal sealed class StorageRequestHeadersPolicy(string serviceVersion, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue(StorageHeaders.Version, serviceVersion);
        message.Request.Headers.SetValue(
            StorageHeaders.Date,
            timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
