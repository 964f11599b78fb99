namespace MedLedger.Clients.Pipeline;

/// <summary>Header names used by more than one storage client.</summary>
internal static class StorageHeaders
{
    public const string Version = "x-ms-version";
    public const string Date = "x-ms-date";
    public const string ErrorCode = "x-ms-error-code";
    public const string Authorization = "Authorization";
    public const string ContentType = "Content-Type";
    public const string ContentLength = "Content-Length";
    public const string ContentMD5 = "Content-MD5";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLanguage = "Content-Language";
    public const string IfMatch = "If-Match";
    public const string IfNoneMatch = "If-None-Match";
    public const string IfModifiedSince = "If-Modified-Since";
    public const string IfUnmodifiedSince = "If-Unmodified-Since";
    public const string Range = "Range";
    public const string ETag = "ETag";
    public const string Accept = "Accept";
    public const string Prefer = "Prefer";
    public const string DataServiceVersion = "DataServiceVersion";
}
