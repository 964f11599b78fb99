using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;

namespace MedLedger.Clients.Storage;

/// <summary>Signs Blob and Queue requests with SharedKey (version 2009-09-19 and later).</summary>
/// <remarks>
/// String-to-sign: the verb and eleven standard headers each followed by LF, then the canonicalized
/// <c>x-ms-</c> headers, then the canonicalized resource ("Authorize with Shared Key";
/// shared/reference/azure-protocols.md §3.3). Runs per retry, after <c>x-ms-date</c> is stamped.
/// </remarks>
internal sealed class SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        var signature = credential.Sign(BuildStringToSign(message.Request, credential.AccountName));
        message.Request.Headers.SetValue(
            StorageHeaders.Authorization,
            $"SharedKey {credential.AccountName}:{signature}");
    }

    /// <summary>Builds the string-to-sign for <paramref name="request"/>.</summary>
    internal static string BuildStringToSign(Request request, string accountName)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        builder.Append(Header(request, StorageHeaders.ContentEncoding)).Append('\n');
        builder.Append(Header(request, StorageHeaders.ContentLanguage)).Append('\n');
        builder.Append(ContentLength(request)).Append('\n');
        builder.Append(Header(request, StorageHeaders.ContentMD5)).Append('\n');
        builder.Append(Header(request, StorageHeaders.ContentType)).Append('\n');
        builder.Append('\n'); // Date: empty, because x-ms-date is always sent.
        builder.Append(Header(request, StorageHeaders.IfModifiedSince)).Append('\n');
        builder.Append(Header(request, StorageHeaders.IfMatch)).Append('\n');
        builder.Append(Header(request, StorageHeaders.IfNoneMatch)).Append('\n');
        builder.Append(Header(request, StorageHeaders.IfUnmodifiedSince)).Append('\n');
        builder.Append(Header(request, StorageHeaders.Range)).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendCanonicalizedResource(builder, request.Uri.ToUri(), accountName);
        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    // Since version 2015-02-21 a zero length is signed as the empty string.
    private static string ContentLength(Request request) =>
        request.Content is { } content && content.TryComputeLength(out var length) && length > 0
            ? length.ToString(CultureInfo.InvariantCulture)
            : string.Empty;

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: CollapseWhitespace(h.Value.Trim())))
            .OrderBy(h => h.Name, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        var parameters = QueryParameters.Parse(uri.Query)
            .GroupBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in parameters)
        {
            var values = group.Select(p => p.Value).Order(StringComparer.Ordinal);
            builder.Append('\n').Append(group.Key).Append(':').AppendJoin(',', values);
        }
    }

    private static string CollapseWhitespace(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal) && !value.Contains('\t', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value)
        {
            var isSpace = c is ' ' or '\t';
            if (!isSpace || !previousWasSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }

            previousWasSpace = isSpace;
        }

        return builder.ToString();
    }
}
