using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedLedger.Testing.Faults;

/// <summary>A transport that injects faults: answers matching requests with a made-up response instead of sending
/// them, or sends them and then loses the answer (an ambiguous outcome). Everything else goes to the real transport.</summary>
/// <remarks>Set it as <c>options.Transport</c>: the whole pipeline (retry, date, signing, logging) runs as usual and
/// Azure.Core classifies injected responses exactly like received ones. Every attempt is recorded.</remarks>
public sealed class FaultInjectionTransport(HttpPipelineTransport inner) : HttpPipelineTransport
{
    private readonly ConcurrentQueue<Fault> _faults = new();

    /// <summary>Gets every request that reached this policy: method, URI, client request id, x-ms-date, and whether a fault answered it.</summary>
    public ConcurrentQueue<RecordedAttempt> Attempts { get; } = new();

    /// <summary>Answers the next <paramref name="count"/> matching requests with <paramref name="respond"/> instead of sending them.</summary>
    public FaultInjectionTransport Respond(int count, Func<Request, SyntheticResponse> respond, Func<Request, bool>? match = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new Fault(match ?? (_ => true), respond, LoseResponse: false));
        }

        return this;
    }

    /// <summary>Sends the next matching request, then throws <see cref="IOException"/> as if the connection dropped
    /// before the answer arrived: the service did the work, the client cannot know.</summary>
    public FaultInjectionTransport LoseResponse(int count = 1, Func<Request, bool>? match = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new Fault(match ?? (_ => true), null, LoseResponse: true));
        }

        return this;
    }

    /// <summary>Gets the number of faults not used yet.</summary>
    public int PendingFaults => _faults.Count;

    /// <inheritdoc />
    public override Request CreateRequest() => inner.CreateRequest();

    /// <inheritdoc />
    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-date", out var date);
        var fault = _faults.TryPeek(out var next) && next.Match(request) && _faults.TryDequeue(out var taken) ? taken : null;
        var headers = request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Attempts.Enqueue(new RecordedAttempt(
            request.Method.Method, request.Uri.ToUri(), request.ClientRequestId, date, fault is not null, headers, System.Diagnostics.Stopwatch.GetTimestamp()));
        if (fault is { LoseResponse: false, Respond: { } respond })
        {
            message.Response = respond(request);
            return;
        }

        await inner.ProcessAsync(message).ConfigureAwait(false);
        if (fault is { LoseResponse: true })
        {
            throw new IOException("Injected fault: the connection dropped after the request was sent.");
        }
    }

    private sealed record Fault(Func<Request, bool> Match, Func<Request, SyntheticResponse>? Respond, bool LoseResponse);
}
