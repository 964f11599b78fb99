namespace MedLedger.Access.LedgerEvents;

/// <summary>
/// The ledger event types a patient's access log is built from (docs/ledger-events.md). <c>record.created</c>,
/// <c>record.read</c> and <c>access.denied</c> are the records pipeline's; the others are written by the identity and
/// consent layer.
/// </summary>
public static class AccessEventTypes
{
    /// <summary>A record was stored (written by the records pipeline after it re-hashed the blob).</summary>
    public const string RecordCreated = "record.created";

    /// <summary>A record's content was released: a permitted <c>read-record</c> decision.</summary>
    public const string RecordRead = "record.read";

    /// <summary>A request was refused: any operation's denied decision.</summary>
    public const string AccessDenied = "access.denied";

    /// <summary>A permitted decision on an operation other than reading a record (listing consents, reading the access log, …).</summary>
    public const string AccessPermitted = "access.permitted";

    /// <summary>A consent was recorded; the data carries the canonical terms and their SHA-256.</summary>
    public const string ConsentGranted = "consent.granted";

    /// <summary>A consent was revoked: a new event naming the consent and the hash of its terms, never an edit.</summary>
    public const string ConsentRevoked = "consent.revoked";

    /// <summary>A clinician opened a break-glass session for a patient; the data commits to the stated reason by hash.</summary>
    public const string BreakGlassOpened = "breakglass.opened";

    /// <summary>An insurer's claim was checked: the disclosure decision and the verification's outcome.</summary>
    public const string ClaimVerified = "claim.verified";

    /// <summary>Gets every type above.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RecordCreated, RecordRead, AccessDenied, AccessPermitted, ConsentGranted, ConsentRevoked, BreakGlassOpened, ClaimVerified,
    };
}
