namespace MedLedger.Functions.Http;

/// <summary>
/// The stable machine-readable codes sent in the <c>code</c> extension of every problem response (RFC 9457 §3.2).
/// Clients branch on these, never on <c>title</c> or <c>detail</c>; a code, once shipped, keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The request is malformed in a way no more specific code describes (400).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The body is not well-formed strict JSON: syntax, invalid UTF-8, duplicate property, comment, trailing comma or excessive depth (400).</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>The body is well-formed JSON but not of the expected shape: unknown member, missing or mistyped property (400).</summary>
    public const string InvalidBody = "invalid-body";

    /// <summary>The request carries no identity the service accepts (401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The caller is authenticated but not a user of this service: unknown to the directory, or without a role both give (403).</summary>
    public const string UnknownCaller = "unknown-caller";

    /// <summary>An insurer webhook was refused before its body was read: the <c>reason</c> extension says why (401).</summary>
    public const string WebhookRefused = "webhook-refused";

    /// <summary>A directory change conflicts with the directory's content: an existing id, a patient who has a user, a concurrent change (409).</summary>
    public const string DirectoryConflict = "directory-conflict";

    /// <summary>The <c>Idempotency-Key</c> header is malformed or repeated (400).</summary>
    public const string InvalidIdempotencyKey = "invalid-idempotency-key";

    /// <summary>The <c>Idempotency-Key</c> was first used with a different request body (409); nothing was done.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>A query parameter is missing, malformed or out of range (400); the <c>parameter</c> extension names it.</summary>
    public const string InvalidParameter = "invalid-parameter";

    /// <summary>No such ledger event: the id was not issued by this service (404).</summary>
    public const string EventNotFound = "event-not-found";

    /// <summary>The ledger has no log of that name (404).</summary>
    public const string LogNotFound = "log-not-found";

    /// <summary>The log has no signed checkpoint yet (404).</summary>
    public const string CheckpointNotFound = "checkpoint-not-found";

    /// <summary>The stored record is missing or is not what the ledger committed to; nothing was released (500).</summary>
    public const string RecordIntegrityFailed = "record-integrity-failed";

    /// <summary>The stored record matches the ledger but does not decrypt; nothing was released (500).</summary>
    public const string RecordDecryptionFailed = "record-decryption-failed";

    /// <summary>The stored log does not prove an entry against its own signed checkpoint (it was changed); no receipt is given (500).</summary>
    public const string LedgerIntegrityFailed = "ledger-integrity-failed";

    /// <summary>No resource at this path — or one the caller may not see: patients, records and consents that are forbidden answer exactly like missing ones (404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The path exists but not for this method; the <c>Allow</c> header lists the methods (405).</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>The body is larger than the configured cap (413).</summary>
    public const string BodyTooLarge = "body-too-large";

    /// <summary>The body's content type is not the one the operation takes (415).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>An unexpected failure; the response carries a <c>correlationId</c> that is also in the server log (500).</summary>
    public const string InternalError = "internal-error";

    /// <summary>The operation is declared in the deployment contract but not available in this build (501).</summary>
    public const string NotImplemented = "not-implemented";

    /// <summary>A dependency is unavailable; retrying later may succeed (503).</summary>
    public const string ServiceUnavailable = "service-unavailable";

    /// <summary>Returns the default code for a status when the producer of the problem gave none.</summary>
    public static string ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status501NotImplemented => NotImplemented,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
