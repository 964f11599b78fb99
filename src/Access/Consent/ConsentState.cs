namespace MedLedger.Access.Consent;

/// <summary>
/// One patient's consent history: every grant and every revocation, as the ledger records them. The policy reads it
/// "as of" the request's instant, so the same state answers both "may they read now" and "were they allowed then".
/// </summary>
/// <remarks>
/// Several revocations of one grant may be recorded (two concurrent DELETEs); the earliest one counts. A grant is
/// invisible before it was recorded, and a revocation applies to every request at or after the instant it was
/// recorded: the very next request after a revocation is denied.
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class ConsentState
{
    private readonly Dictionary<string, ConsentGrant> _grants;
    private readonly Dictionary<string, DateTimeOffset> _revokedAt;

    /// <summary>Creates a patient's state.</summary>
    /// <exception cref="ArgumentException">
    /// A grant or revocation concerns another patient, a consent id appears twice among the grants, a revocation names an
    /// unknown grant or was recorded before it.
    /// </exception>
    public ConsentState(string patientId, IEnumerable<ConsentGrant> grants, IEnumerable<ConsentRevocation> revocations)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(revocations);
        PatientId = patientId;
        _grants = new Dictionary<string, ConsentGrant>(StringComparer.Ordinal);
        foreach (var grant in grants)
        {
            if (grant.PatientId != patientId)
            {
                throw new ArgumentException($"Consent {grant.ConsentId} concerns another patient.", nameof(grants));
            }

            if (!_grants.TryAdd(grant.ConsentId, grant))
            {
                throw new ArgumentException($"Consent {grant.ConsentId} appears twice.", nameof(grants));
            }
        }

        _revokedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var revocationList = new List<ConsentRevocation>();
        foreach (var revocation in revocations)
        {
            if (revocation.PatientId != patientId || !_grants.TryGetValue(revocation.ConsentId, out var grant))
            {
                throw new ArgumentException($"The revocation of {revocation.ConsentId} names no consent of this patient.", nameof(revocations));
            }

            if (revocation.RecordedAt < grant.RecordedAt)
            {
                throw new ArgumentException($"The revocation of {revocation.ConsentId} was recorded before the consent.", nameof(revocations));
            }

            revocationList.Add(revocation);
            if (!_revokedAt.TryGetValue(revocation.ConsentId, out var earlier) || revocation.RecordedAt < earlier)
            {
                _revokedAt[revocation.ConsentId] = revocation.RecordedAt;
            }
        }

        Grants = [.. _grants.Values.OrderBy(g => g.ConsentId, StringComparer.Ordinal)];
        Revocations = revocationList;
    }

    /// <summary>Gets the patient.</summary>
    public string PatientId { get; }

    /// <summary>Gets every grant, ordered by consent id.</summary>
    public IReadOnlyList<ConsentGrant> Grants { get; }

    /// <summary>Gets every revocation, in the order given.</summary>
    public IReadOnlyList<ConsentRevocation> Revocations { get; }

    /// <summary>A state with no consents.</summary>
    public static ConsentState Empty(string patientId) => new(patientId, [], []);

    /// <summary>Finds a grant by id.</summary>
    public ConsentGrant? Find(string consentId) => _grants.GetValueOrDefault(consentId);

    /// <summary>Gets when <paramref name="consentId"/> was (first) revoked, or null.</summary>
    public DateTimeOffset? RevokedAt(string consentId) => _revokedAt.TryGetValue(consentId, out var at) ? at : null;

    /// <summary>Gets where <paramref name="grant"/> stands at <paramref name="instant"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="grant"/> is not part of this state.</exception>
    public GrantStatus StatusAt(ConsentGrant grant, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (!ReferenceEquals(Find(grant.ConsentId), grant))
        {
            throw new ArgumentException("The grant is not part of this state.", nameof(grant));
        }

        if (grant.RecordedAt > instant)
        {
            return GrantStatus.NotYetRecorded;
        }

        if (RevokedAt(grant.ConsentId) is { } revoked && revoked <= instant)
        {
            return GrantStatus.Revoked;
        }

        if (instant < grant.Terms.Period.Start)
        {
            return GrantStatus.NotYetActive;
        }

        return instant >= grant.Terms.Period.End ? GrantStatus.Expired : GrantStatus.Active;
    }

    /// <summary>Adds a grant (the state after a new consent event).</summary>
    public ConsentState With(ConsentGrant grant) => new(PatientId, Grants.Append(grant), Revocations);

    /// <summary>Adds a revocation (the state after a revocation event).</summary>
    public ConsentState With(ConsentRevocation revocation) => new(PatientId, Grants, Revocations.Append(revocation));
}
