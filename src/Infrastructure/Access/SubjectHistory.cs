using System.Globalization;
using MedLedger.Access.Consent;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// What a subject's entries say about access, folded in log order: consent grants and revocations, and each user's
/// newest break-glass session. Entries are applied one by one, so a history can continue where it stopped as the
/// append-only log grows.
/// </summary>
/// <remarks>Not thread-safe: <see cref="SubjectHistoryCache"/> serializes access; readers use their own instance.</remarks>
internal sealed class SubjectHistory(string logName, string patientId, string subject)
{
    private readonly Dictionary<string, (ConsentGrant Grant, LedgerHash TermsHash)> _grants = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset Logged, ConsentRevocation Revocation)> _revocations = [];
    private readonly Dictionary<string, BreakGlassSession> _breakGlass = new(StringComparer.Ordinal);

    public string LogName { get; } = logName;

    public string PatientId { get; } = patientId;

    public string Subject { get; } = subject;

    /// <summary>Gets the log index to continue from.</summary>
    public long NextIndex { get; private set; }

    /// <summary>Folds one entry of the subject in; entries must come in log order.</summary>
    /// <exception cref="InvalidDataException">The entry contradicts the history (a consent granted twice, a revocation of an unknown grant or of other terms) or is malformed.</exception>
    public void Apply(LedgerEntry entry)
    {
        if (entry.Sequence < NextIndex)
        {
            throw new InvalidOperationException("Entries must be applied in log order.");
        }

        NextIndex = entry.Sequence + 1;
        switch (entry.Type)
        {
            case AccessEventTypes.ConsentGranted:
                var grant = AccessEventReader.ReadGrant(entry, PatientId);
                if (!_grants.TryAdd(grant.ConsentId, (grant, grant.Terms.ComputeHash())))
                {
                    throw Inconsistent(entry, "grants a consent id that was granted before");
                }

                break;
            case AccessEventTypes.ConsentRevoked:
                var (revocation, termsHash) = AccessEventReader.ReadRevocation(entry, PatientId);
                if (!_grants.TryGetValue(revocation.ConsentId, out var granted))
                {
                    throw Inconsistent(entry, "revokes a consent that no earlier entry granted");
                }

                if (termsHash != granted.TermsHash)
                {
                    throw Inconsistent(entry, "revokes other terms than the consent granted");
                }

                // The log's order is the truth: a revocation stamped before its grant (clocks that disagree) counts from the grant.
                _revocations.Add((entry.Time, revocation.RecordedAt < granted.Grant.RecordedAt
                    ? new ConsentRevocation(revocation.ConsentId, PatientId, granted.Grant.RecordedAt, revocation.RevokedBy)
                    : revocation));
                break;
            case AccessEventTypes.BreakGlassOpened:
                var (userKey, startedAt, reasonHash) = AccessEventReader.ReadBreakGlass(entry);
                if (!_breakGlass.TryGetValue(userKey, out var existing) || startedAt >= existing.StartedAt)
                {
                    _breakGlass[userKey] = new BreakGlassSession(reasonHash.ToHex(), startedAt);
                }

                break;
        }
    }

    /// <summary>The consent state from everything applied, or only what was logged by <paramref name="asOf"/>.</summary>
    public ConsentSnapshot Consents(DateTimeOffset? asOf = null)
    {
        var grants = _grants.Values.Select(g => g.Grant).Where(g => asOf is not { } limit || g.RecordedAt <= limit).ToList();
        var revocations = _revocations.Where(r => asOf is not { } limit || r.Logged <= limit).ToList();
        DateTimeOffset? latest = null;
        foreach (var time in grants.Select(g => g.RecordedAt).Concat(revocations.Select(r => r.Logged)))
        {
            latest = latest is { } seen && seen >= time ? seen : time;
        }

        return new ConsentSnapshot(new ConsentState(PatientId, grants, revocations.Select(r => r.Revocation)), latest);
    }

    /// <summary>Gets the users who opened a break-glass session.</summary>
    public IEnumerable<string> BreakGlassUsers => _breakGlass.Keys;

    /// <summary>The newest break-glass session <paramref name="userKey"/> opened, or null.</summary>
    public BreakGlassSession? BreakGlassOf(string userKey) => _breakGlass.GetValueOrDefault(userKey);

    private InvalidDataException Inconsistent(LedgerEntry entry, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Entry {entry.Sequence} of log {LogName} {problem}."));
}
