using Azure.Core;

namespace MedLedger.Clients.Pipeline;

/// <summary>Options for the Blob, Queue and Table clients: retries, diagnostics, transport and clock.</summary>
/// <remarks>
/// Retries follow the Azure SDK defaults for storage: exponential back-off with jitter, honouring
/// <c>Retry-After</c> (Azure.Core's <see cref="Azure.Core.Pipeline.RetryPolicy"/> does both). Content logging stays
/// off: payloads are medical records and must never reach a log (building a client with it on is refused).
/// </remarks>
public class StorageClientOptions : ClientOptions
{
    /// <summary>Initializes the options with the storage defaults.</summary>
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromSeconds(0.8);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);

        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "MedLedger";
        foreach (var header in SafeLoggedHeaders)
        {
            Diagnostics.LoggedHeaderNames.Add(header);
        }

        foreach (var parameter in SafeLoggedQueryParameters)
        {
            Diagnostics.LoggedQueryParameters.Add(parameter);
        }
    }

    /// <summary>Gets or sets the clock that stamps <c>x-ms-date</c> (default: the system clock).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Headers that carry no secret and no payload, so logs may show them.</summary>
    /// <remarks>Everything else (Authorization above all) is shown as REDACTED by Azure.Core's logging policy.</remarks>
    internal static IReadOnlyList<string> SafeLoggedHeaders { get; } =
    [
        "x-ms-version", "x-ms-date", "x-ms-error-code", "x-ms-blob-type", "x-ms-request-server-encrypted",
        "ETag", "If-Match", "If-None-Match", "Last-Modified", "DataServiceVersion", "Prefer", "Accept",
    ];

    /// <summary>Query parameters that carry no secret; pop receipts, filters and continuation keys stay redacted.</summary>
    internal static IReadOnlyList<string> SafeLoggedQueryParameters { get; } =
    [
        "restype", "comp", "numofmessages", "visibilitytimeout", "messagettl", "peekonly", "$top", "$select",
    ];
}
