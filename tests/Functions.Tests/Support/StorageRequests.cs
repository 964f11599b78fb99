using Azure.Core;
using MedLedger.Testing.Faults;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Recognizes the app's storage requests in a <see cref="FaultInjectionTransport"/>, to fail them or count them.</summary>
internal static class StorageRequests
{
    /// <summary>Uploads of a blob into <paramref name="container"/> (not the creation of the container).</summary>
    public static bool IsBlobUpload(Request request, string container) =>
        request.Method == RequestMethod.Put && request.Uri.Path.Contains($"/{container}/", StringComparison.Ordinal);

    /// <summary>Messages sent to <paramref name="queue"/>.</summary>
    public static bool IsSend(Request request, string queue) =>
        request.Method == RequestMethod.Post && request.Uri.Path.EndsWith($"/{queue}/messages", StringComparison.Ordinal);

    public static int CountBlobUploads(FaultInjectionTransport transport, string container) =>
        transport.Attempts.Count(a => a.Method == "PUT" && a.Uri.AbsolutePath.Contains($"/{container}/", StringComparison.Ordinal));

    public static int CountSends(FaultInjectionTransport transport, string queue) =>
        transport.Attempts.Count(a => a.Method == "POST" && a.Uri.AbsolutePath.EndsWith($"/{queue}/messages", StringComparison.Ordinal));

    /// <summary>The record id of the first blob upload into <paramref name="container"/>.</summary>
    public static string UploadedBlobName(FaultInjectionTransport transport, string container) =>
        transport.Attempts.First(a => a.Method == "PUT" && a.Uri.AbsolutePath.Contains($"/{container}/", StringComparison.Ordinal))
            .Uri.AbsolutePath.Split('/')[^1];

    /// <summary>A 503 as the storage service sends it.</summary>
    public static SyntheticResponse ServerBusy(Request request) =>
        new(503, "Service Unavailable", new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" });
}
