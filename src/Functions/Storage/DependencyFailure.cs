using Azure;

namespace MedLedger.Functions.Storage;

/// <summary>Tells a failed call to Storage or Key Vault (worth a 503 and a retry) from a bug (a 500).</summary>
internal static class DependencyFailure
{
    /// <summary>
    /// True for <see cref="RequestFailedException"/> (the one exception type of service failures), for the transport
    /// failures Azure.Core rethrows after its retries (<see cref="IOException"/>, <see cref="HttpRequestException"/>,
    /// or an <see cref="AggregateException"/> of them), and for timeouts.
    /// </summary>
    public static bool IsDependencyFailure(Exception exception) => exception switch
    {
        RequestFailedException or IOException or HttpRequestException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsDependencyFailure),
        _ => false,
    };
}
