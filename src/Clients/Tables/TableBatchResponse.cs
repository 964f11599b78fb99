using System.Globalization;
using Azure;
using MedLedger.Clients.Pipeline;

namespace MedLedger.Clients.Tables;

/// <summary>Reads the multipart/mixed answer of an entity group transaction: one <c>HTTP/1.1 NNN</c> part per
/// operation on success, a single error part on failure whose message starts with <c>INDEX:</c>
/// (shared/reference/azure-protocols.md §2.5).</summary>
internal static class TableBatchResponse
{
    public static TableTransactionResult Parse(string body, int actionCount)
    {
        var parts = Parts(body);
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            var (code, message) = StorageErrors.ParseBody(BinaryData.FromString(failed.Body));
            int? index = null;
            if (message is not null)
            {
                var colon = message.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                    && i >= 0 && i < actionCount)
                {
                    index = i;
                    message = message[(colon + 1)..];
                }
            }

            return TableTransactionResult.Failed(new TableTransactionFailure(index, failed.Status, code, message));
        }

        if (parts.Count != actionCount)
        {
            throw new FormatException($"The transaction response has {parts.Count} operation parts for {actionCount} actions.");
        }

        return TableTransactionResult.Success(parts.Select(p => p.ETag is null ? (ETag?)null : new ETag(p.ETag)).ToList());
    }

    private static List<Part> Parts(string body)
    {
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var parts = new List<Part>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var status = int.Parse(lines[i].AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            string? etag = null;
            i++;
            for (; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i].AsSpan(0, colon).Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Add(lines[i]);
            }

            i--;
            parts.Add(new Part(status, etag, string.Join('\n', content).Trim()));
        }

        return parts;
    }

    private sealed record Part(int Status, string? ETag, string Body);
}
