using System.Text.Json;
using System.Xml;
using Azure;

namespace MedLedger.Clients.Pipeline;

/// <summary>Turns a failed storage response into the one exception type for service failures.</summary>
/// <remarks>
/// The error code comes from <c>x-ms-error-code</c>, or else from the body: XML <c>&lt;Error&gt;&lt;Code&gt;</c>
/// (Blob, Queue) or JSON <c>odata.error.code</c> (Table) (shared/reference/azure-protocols.md §2.7). The message
/// keeps only the service's first line: detail elements such as <c>AuthenticationErrorDetail</c> echo the request
/// signature, and our own messages never include payloads, keys or tokens.
/// </remarks>
internal static class StorageErrors
{
    private const int MaxServiceMessageLength = 300;

    /// <summary>Creates the exception for <paramref name="response"/>, naming the failed operation.</summary>
    public static RequestFailedException CreateException(Response response, string operation)
    {
        var (code, serviceMessage) = Parse(response);
        return Create(response.Status, response.ReasonPhrase, code, serviceMessage, operation, RequestId(response));
    }

    /// <summary>Creates the exception for an error that arrived inside another response (a batch part).</summary>
    public static RequestFailedException Create(
        int status, string? reason, string? code, string? serviceMessage, string operation, string? requestId)
    {
        serviceMessage = FirstLine(serviceMessage);
        var text = $"{operation} failed: {status}"
            + (string.IsNullOrEmpty(reason) ? string.Empty : $" ({reason})")
            + (code is null ? string.Empty : $", error code {code}")
            + (string.IsNullOrEmpty(serviceMessage) ? string.Empty : $": {serviceMessage}")
            + (requestId is null ? string.Empty : $" (request id {requestId})");
        return new RequestFailedException(status, text, code, innerException: null);
    }

    /// <summary>Reads the error code and the first line of the service's message from a failed response.</summary>
    public static (string? Code, string? Message) Parse(Response response)
    {
        response.Headers.TryGetValue(StorageHeaders.ErrorCode, out var headerCode);
        var (bodyCode, message) = ParseBody(response.Content);
        return (string.IsNullOrEmpty(headerCode) ? bodyCode : headerCode, message);
    }

    /// <summary>Reads the error code and message from an XML or JSON error body; nulls when there is none.</summary>
    public static (string? Code, string? Message) ParseBody(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        var text = body.ToString().TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        try
        {
            if (text.StartsWith('<'))
            {
                return ParseXml(text);
            }

            if (text.StartsWith('{'))
            {
                return ParseJson(text);
            }
        }
        catch (Exception e) when (e is XmlException or JsonException)
        {
            // An unreadable error body still leaves the status and the header code.
        }

        return (null, null);
    }

    private static (string? Code, string? Message) ParseXml(string text)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var root = document.DocumentElement;
        return (root?["Code"]?.InnerText, FirstLine(root?["Message"]?.InnerText));
    }

    private static (string? Code, string? Message) ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        if (root.TryGetProperty("odata.error", out var odata) && odata.ValueKind == JsonValueKind.Object)
        {
            var code = odata.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? message = null;
            if (odata.TryGetProperty("message", out var m))
            {
                message = m.ValueKind switch
                {
                    JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                    JsonValueKind.String => m.GetString(),
                    _ => null,
                };
            }

            return (code, FirstLine(message));
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, FirstLine(message));
        }

        return (null, null);
    }

    private static string? FirstLine(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var end = message.IndexOfAny(['\r', '\n']);
        var line = (end < 0 ? message : message[..end]).Trim();
        return line.Length <= MaxServiceMessageLength ? line : line[..MaxServiceMessageLength] + "…";
    }

    private static string? RequestId(Response response) =>
        response.Headers.RequestId is { Length: > 0 } id ? id : null;
}
