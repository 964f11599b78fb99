namespace MedLedger.Testing.Faults;

/// <summary>One attempt seen by <see cref="FaultInjectionTransport"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The request URI.</param>
/// <param name="ClientRequestId">The <c>x-ms-client-request-id</c> (the same for every retry of one call).</param>
/// <param name="Date">The <c>x-ms-date</c> header.</param>
/// <param name="Injected">True when a fault answered instead of the server.</param>
/// <param name="Headers">The request headers as they went to the transport (after signing).</param>
/// <param name="Timestamp">A <see cref="System.Diagnostics.Stopwatch"/> timestamp of the attempt.</param>
public sealed record RecordedAttempt(
    string Method, Uri Uri, string ClientRequestId, string? Date, bool Injected, IReadOnlyDictionary<string, string> Headers, long Timestamp);
