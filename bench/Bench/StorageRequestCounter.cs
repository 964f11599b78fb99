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
internal sealed class StorageRequestCounter(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Gets a copy of the counts so far.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _counts.AddOrUpdate(KindOf(message.Request), 1, (_, n) => n + 1);
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
