using System.Collections.Concurrent;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MedLedger.Bench;

/// <summary>
/// A pipeline policy that counts the storage requests a client sends, by kind (service, method and the shape of the
/// path: <c>blob PUT</c>, <c>queue GET messages</c>, <c>table POST $batch</c>, <c>table GET entity</c>, …). Retries
/// pass through it again, so a retried request counts twice, as Azurite sees it.
/// </summary>
internal sealed class StorageRequestCounter(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _longest = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();

    /// <summary>Gets a copy of the counts so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        OnSendingRequest(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception)
        {
            OnFailed(message, exception);
            throw;
        }

        OnReceivedResponse(message);
    }

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        OnSendingRequest(message);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception exception)
        {
            OnFailed(message, exception);
            throw;
        }

        OnReceivedResponse(message);
    }

    /// <summary>Gets the attempts that failed without a response (network timeouts, resets) so far, one a line.</summary>
    public string Failures() => string.Join(Environment.NewLine, _failures);

    // A hung request shows only here: it has no response, and Azure.Core retries it after its network timeout.
    private void OnFailed(HttpMessage message, Exception exception)
    {
        var elapsed = message.TryGetProperty(typeof(StorageRequestCounter), out var started) && started is long at
            ? (System.Diagnostics.Stopwatch.GetTimestamp() - at) * 1000.0 / System.Diagnostics.Stopwatch.Frequency
            : double.NaN;
        _failures.Enqueue(string.Create(
            CultureInfo.InvariantCulture,
            $"    after {elapsed:F0} ms ({exception.GetType().Name}: {exception.Message.Split('\n')[0]}): {message.Request.Method} {message.Request.Uri.ToUri().AbsolutePath}"));
    }

    private void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _counts.AddOrUpdate(KindOf(message.Request), 1, (_, n) => n + 1);
        message.SetProperty(typeof(StorageRequestCounter), System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TryGetProperty(typeof(StorageRequestCounter), out var started) && started is long at)
        {
            var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - at;
            var kind = KindOf(message.Request);
            _ticks.AddOrUpdate(kind, elapsed, (_, n) => n + elapsed);
            _longest.AddOrUpdate(kind, elapsed, (_, n) => Math.Max(n, elapsed));
        }
    }

    /// <summary>Gets the total time spent waiting for responses (from sending to the response), by kind, in Stopwatch ticks.</summary>
    public IReadOnlyDictionary<string, long> TicksSnapshot() => new Dictionary<string, long>(_ticks, StringComparer.Ordinal);

    /// <summary>Formats the longest single wait by kind since the last call, and starts over.</summary>
    public string TakeLongest()
    {
        var text = string.Join(", ", _longest.OrderByDescending(p => p.Value).Select(p => string.Create(
            CultureInfo.InvariantCulture, $"{p.Key} {p.Value * 1000.0 / System.Diagnostics.Stopwatch.Frequency:F0} ms")));
        _longest.Clear();
        return text;
    }

    /// <summary>Formats waiting time (Stopwatch ticks by kind) per record in milliseconds; concurrent requests add up.</summary>
    public static string TimePerRecord(IReadOnlyDictionary<string, long> ticks, int records)
    {
        var ms = ticks.ToDictionary(p => p.Key, p => p.Value * 1000.0 / System.Diagnostics.Stopwatch.Frequency / Math.Max(1, records), StringComparer.Ordinal);
        var kinds = ms.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F0}"));
        return string.Create(CultureInfo.InvariantCulture, $"{ms.Values.Sum():F0} ms = {string.Join(", ", kinds)}");
    }

    /// <summary>Subtracts two snapshots, kind by kind.</summary>
    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);

    /// <summary>Formats counts per record: <c>3.02 = table GET entity 2.00, blob PUT 1.00, …</c>.</summary>
    public static string PerRecord(IReadOnlyDictionary<string, long> counts, int records)
    {
        var total = counts.Values.Sum() / (double)Math.Max(1, records);
        var kinds = counts.OrderByDescending(p => p.Value).Select(p => string.Create(
            CultureInfo.InvariantCulture, $"{p.Key} {p.Value / (double)Math.Max(1, records):F2}"));
        return string.Create(CultureInfo.InvariantCulture, $"{total:F2} = {string.Join(", ", kinds)}");
    }

    private string KindOf(Request request)
    {
        var uri = request.Uri.ToUri();
        var method = request.Method.Method;
        var path = uri.AbsolutePath;
        var query = uri.Query;
        if (uri.Port == tableEndpoint.Port)
        {
            var shape = path.EndsWith("$batch", StringComparison.Ordinal) ? "$batch"
                : path.Contains("(PartitionKey=", StringComparison.Ordinal) ? "entity"
                : path.EndsWith("Tables", StringComparison.Ordinal) || path.Contains("Tables(", StringComparison.Ordinal) ? "tables"
                : query.Contains("$filter", StringComparison.Ordinal) ? "query"
                : "table";
            return $"table {method} {shape}";
        }

        if (uri.Port == queueEndpoint.Port)
        {
            var segments = path.TrimEnd('/').Split('/');
            var shape = segments.Length >= 2 && segments[^2] == "messages" ? "message"
                : segments[^1] == "messages" ? "messages"
                : "queue";
            return $"queue {method} {shape}";
        }

        if (uri.Port == blobEndpoint.Port)
        {
            var shape = query.Contains("restype=container", StringComparison.Ordinal) ? " container" : string.Empty;
            return $"blob {method}{shape}";
        }

        return $"other {method}";
    }
}
