namespace MedLedger.Testing.Faults;

/// <summary>One attempt seen by <see cref="FaultInjectionPolicy"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The request URI.</param>
/// <param name="ClientRequestId">The <c>x-ms-client-request-id</c> (the same for every retry of one call).</param>
/// <param name="Date">The <c>x-ms-date</c> header.</param>
/// <param name="Injected">True when a fault answered instead of the server.</param>
public sealed record RecordedAttempt(string Method, Uri Uri, string ClientRequestId, string? Date, bool Injected);
