using System.Text.Json;
using System.Text.Unicode;
using MedLedger.Functions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedLedger.Functions.Http;

/// <summary>Reads a request body as strict JSON (<see cref="StrictJson"/>), turning every refusal into a problem value.</summary>
/// <remarks>
/// Order of checks: media type (415), size (413), UTF-8 (400 <c>malformed-json</c>), well-formedness including
/// duplicates and depth (400 <c>malformed-json</c>), then shape (400 <c>invalid-body</c>). Problem details name the
/// JSON path and line, never the body's content.
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class StrictJsonReader(IOptions<MedLedgerOptions> options)
{
    /// <summary>Reads and binds the body of <paramref name="request"/>.</summary>
    public async Task<StrictJsonResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJsonContentType(request.ContentType))
        {
            return Refuse<T>(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The request body must be application/json (UTF-8).");
        }

        var limit = options.Value.MaxRequestBodyBytes;
        var body = await BoundedBody.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        return body is { } bytes ? Bind<T>(bytes) : TooLarge<T>(limit);
    }

    /// <summary>Checks and binds UTF-8 JSON bytes; the part of <see cref="ReadAsync{T}"/> after the transport.</summary>
    internal static StrictJsonResult<T> Bind<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        if (body.IsEmpty)
        {
            return Malformed<T>("The request body is empty.", path: null, line: null);
        }

        if (!Utf8.IsValid(body.Span))
        {
            return Malformed<T>("The request body is not valid UTF-8.", path: null, line: null);
        }

        if (body.Span.StartsWith("\uFEFF"u8))
        {
            return Malformed<T>("The request body starts with a byte order mark.", path: null, line: null);
        }

        if (StrictJsonScanner.Scan(body.Span) is { } fault)
        {
            return Malformed<T>(fault.Detail, fault.Path, fault.Line);
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(body.Span, StrictJson.SerializerOptions);
        }
        catch (JsonException exception)
        {
            return Refuse<T>(
                StatusCodes.Status400BadRequest,
                ErrorCodes.InvalidBody,
                "The request body does not have the expected members or types.",
                exception.Path,
                exception.LineNumber);
        }

        return value is null
            ? Refuse<T>(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "The request body must be a JSON object.", "$", null)
            : StrictJsonResult<T>.Success(value);
    }

    /// <summary>Accepts <c>application/json</c> with no charset or with <c>charset=utf-8</c>.</summary>
    internal static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        if (!mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = mediaType.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    private static StrictJsonResult<T> TooLarge<T>(long limit)
        where T : class =>
        Refuse<T>(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, $"The request body is larger than {limit} bytes.");

    private static StrictJsonResult<T> Malformed<T>(string detail, string? path, long? line)
        where T : class =>
        Refuse<T>(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, detail, path, line);

    private static StrictJsonResult<T> Refuse<T>(int status, string code, string detail, string? path = null, long? line = null)
        where T : class
    {
        var extensions = new Dictionary<string, object?>();
        if (path is not null)
        {
            extensions[ProblemExtensions.Path] = path;
        }

        if (line is not null)
        {
            extensions[ProblemExtensions.Line] = line + 1;
        }

        return StrictJsonResult<T>.Failure(Problems.Create(status, code, detail, extensions));
    }
}
