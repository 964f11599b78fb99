using System.Text.Json;
using System.Text.RegularExpressions;
using MedLedger.Functions.Http;

namespace MedLedger.Functions.LedgerEvents;

/// <summary>
/// Encodes and decodes <see cref="LedgerEventMessage"/>: canonical UTF-8 JSON whose first bytes are the version,
/// <c>{"v":1,</c>. Decoding checks the version first, then parses strictly (<see cref="StrictJson"/>), validates every
/// field, and accepts only the exact bytes <see cref="Encode"/> would produce, so one event has one encoding.
/// </summary>
/// <threadsafety>Stateless; safe for concurrent use.</threadsafety>
public static partial class LedgerEventMessageCodec
{
    /// <summary>The largest encoded message: 48 KiB, which stays within the queue's 64 KiB limit once base64-encoded.</summary>
    public const int MaxEncodedBytes = 48 * 1024;

    /// <summary>Encodes a valid message.</summary>
    /// <exception cref="ArgumentException">The message is invalid: a bug in the code that built it.</exception>
    public static byte[] Encode(LedgerEventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Validate(message) is { } error)
        {
            throw new ArgumentException($"Invalid ledger event message: {error}.", nameof(message));
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, StrictJson.SerializerOptions);
        return bytes.Length <= MaxEncodedBytes
            ? bytes
            : throw new ArgumentException($"The encoded message is larger than {MaxEncodedBytes} bytes.", nameof(message));
    }

    /// <summary>Decodes message text as it arrives from the queue.</summary>
    public static LedgerEventMessageResult Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Decode(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes UTF-8 message bytes.</summary>
    public static LedgerEventMessageResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxEncodedBytes)
        {
            return LedgerEventMessageResult.Failure($"the message is larger than {MaxEncodedBytes} bytes");
        }

        if (ReadVersion(utf8) is { } versionError)
        {
            return LedgerEventMessageResult.Failure(versionError);
        }

        LedgerEventMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<LedgerEventMessage>(utf8, StrictJson.SerializerOptions);
        }
        catch (JsonException exception)
        {
            return LedgerEventMessageResult.Failure($"the message is not a valid version {LedgerEventMessage.CurrentVersion} event (at {exception.Path ?? "$"})");
        }

        if (message is null)
        {
            return LedgerEventMessageResult.Failure("the message is JSON null");
        }

        if (Validate(message) is { } error)
        {
            return LedgerEventMessageResult.Failure(error);
        }

        if (!utf8.SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(message, StrictJson.SerializerOptions)))
        {
            return LedgerEventMessageResult.Failure("the message is not in canonical form (member order, spacing or escaping differ from the encoder's)");
        }

        return LedgerEventMessageResult.Success(message);
    }

    /// <summary>Checks every field; returns the first problem, naming the field but never its value.</summary>
    public static string? Validate(LedgerEventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Version != LedgerEventMessage.CurrentVersion)
        {
            return $"unsupported version {message.Version}";
        }

        var idError = Check(message.EventId, "eventId", IdPattern()) ?? Check(message.Log, "log", LogNamePattern());
        if (idError is not null)
        {
            return idError;
        }

        if (!LedgerEventTypes.All.Contains(message.Type))
        {
            return "type is not a known event type";
        }

        if (message.OccurredAt.Offset != TimeSpan.Zero)
        {
            return "occurredAt must be in UTC";
        }

        var fieldError =
            Check(message.Actor, "actor", PrintablePattern()) ??
            Check(message.Subject, "subject", PrintablePattern()) ??
            CheckOptional(message.RecordId, "recordId", IdPattern()) ??
            CheckOptional(message.BlobName, "blobName", BlobNamePattern()) ??
            CheckOptional(message.CiphertextSha256, "ciphertextSha256", Sha256Pattern()) ??
            CheckOptional(message.KeyId, "keyId", KeyIdPattern()) ??
            CheckOptional(message.Category, "category", CategoryPattern()) ??
            CheckOptional(message.ContentType, "contentType", ContentTypePattern()) ??
            CheckOptional(message.Purpose, "purpose", PurposePattern()) ??
            CheckOptional(message.Reason, "reason", ReasonPattern()) ??
            CheckOptional(message.Organization, "organization", OrganizationPattern()) ??
            CheckOptional(message.ServiceDate, "serviceDate", ServiceDatePattern()) ??
            (message.ServiceDate is { } date && !DateOnly.TryParseExact(date, "yyyy'-'MM'-'dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                ? "serviceDate is not in the expected form"
                : null);
        return fieldError ?? ValidateTypeFields(message);
    }

    private static string? ValidateTypeFields(LedgerEventMessage message) => message.Type switch
    {
        LedgerEventTypes.RecordCreated =>
            Require(message.RecordId, "recordId") ?? Require(message.BlobName, "blobName") ??
            Require(message.CiphertextSha256, "ciphertextSha256") ?? Require(message.KeyId, "keyId") ??
            Require(message.Category, "category") ?? Require(message.ContentType, "contentType") ??
            Forbid(message.Purpose, "purpose") ?? Forbid(message.Reason, "reason"),
        LedgerEventTypes.RecordRead =>
            Require(message.RecordId, "recordId") ?? Forbid(message.BlobName, "blobName") ??
            Forbid(message.CiphertextSha256, "ciphertextSha256") ?? Forbid(message.KeyId, "keyId") ??
            Forbid(message.Category, "category") ?? Forbid(message.ContentType, "contentType") ?? Forbid(message.Reason, "reason") ??
            Forbid(message.Organization, "organization") ?? Forbid(message.ServiceDate, "serviceDate"),
        LedgerEventTypes.AccessDenied =>
            Require(message.Reason, "reason") ?? Forbid(message.BlobName, "blobName") ??
            Forbid(message.CiphertextSha256, "ciphertextSha256") ?? Forbid(message.KeyId, "keyId") ??
            Forbid(message.Category, "category") ?? Forbid(message.ContentType, "contentType") ??
            Forbid(message.Organization, "organization") ?? Forbid(message.ServiceDate, "serviceDate"),
        _ => "type is not a known event type",
    };

    private static string? ReadVersion(ReadOnlySpan<byte> utf8)
    {
        // The version is read before anything else, so a future format is refused by name rather than by a parse error.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject ||
                !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("v"u8) ||
                !reader.Read() || reader.TokenType != JsonTokenType.Number)
            {
                return "the message does not start with its version";
            }

            return reader.TryGetInt32(out var version) && version == LedgerEventMessage.CurrentVersion
                ? null
                : "unsupported message version";
        }
        catch (JsonException)
        {
            return "the message does not start with its version";
        }
    }

    private static string? Check(string? value, string field, Regex pattern) =>
        value is null ? $"{field} is missing" : pattern.IsMatch(value) ? null : $"{field} is not in the expected form";

    private static string? CheckOptional(string? value, string field, Regex pattern) =>
        value is null ? null : Check(value, field, pattern);

    private static string? Require(string? value, string field) => value is null ? $"{field} is required for this event type" : null;

    private static string? Forbid(string? value, string field) => value is null ? null : $"{field} does not belong to this event type";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // A log name is also a checkpoint origin (LogRouter): host-like text with slashes, up to 128 characters.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LogNamePattern();

    [GeneratedRegex("^[\\x21-\\x7E]{1,256}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrintablePattern();

    // Slash-separated segments that never start with a dot: no empty, "." or ".." segments.
    [GeneratedRegex("^(?=.{1,1024}\\z)[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BlobNamePattern();

    [GeneratedRegex("^[0-9a-f]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^[\\x21-\\x7E]{1,2048}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();

    // Printable ASCII, no surrounding spaces: a media type with optional parameters (RFC 9110 §8.3.1).
    [GeneratedRegex("^[\\x21-\\x7E](?:[\\x20-\\x7E]{0,253}[\\x21-\\x7E])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContentTypePattern();

    [GeneratedRegex("^[A-Z]{1,32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    [GeneratedRegex("^[a-z0-9-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();

    // An organization id of the directory (the FHIR id syntax, MedLedger.Access.Identifiers.IdentifierSyntax), never a dot segment.
    [GeneratedRegex("^(?!\\.{1,2}\\z)[A-Za-z0-9.-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceDatePattern();
}
