using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// Builds a patient's <see cref="ConsentState"/> from the log itself — the <c>consent.granted</c> and
/// <c>consent.revoked</c> entries found through the subject index — never from a side table that could disagree with it.
/// </summary>
/// <remarks>
/// <para>A grant counts from its entry's time and is made by the entry's actor; its terms are checked against the hash
/// the entry commits to. A revocation must name an earlier grant of the same patient and the same terms hash. The log's
/// order is the truth: a revocation appended after its grant but stamped earlier (two appenders whose clocks disagree)
/// takes effect at the grant's time, never before it.</para>
/// <para>A second grant with an existing consent id, or a revocation of an unknown grant or of other terms, means the log
/// was written wrongly or tampered with: <see cref="InvalidDataException"/>.</para>
/// </remarks>
public static class ConsentStateReader
{
    /// <summary>Reads the consent state of <paramref name="patientId"/>, whose pseudonym is <paramref name="subject"/>.</summary>
    /// <param name="store">The log holding the patient's entries.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="subject">The patient's pseudonym (the entries' subject).</param>
    /// <param name="asOf">Only events logged at or before this instant count; null for everything in the log.</param>
    /// <param name="beforeIndex">Only entries before this log index count (a decision's <c>stateIndex</c>); null for the whole log.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDataException">The log's consent events are inconsistent or malformed.</exception>
    public static async Task<ConsentSnapshot> ReadAsync(
        ILogStore store, string patientId, string subject, DateTimeOffset? asOf = null, long? beforeIndex = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var history = new SubjectHistory(store.LogName, patientId, subject);
        await foreach (var entry in SubjectEntries.ReadAsync(store, subject, 0, cancellationToken).ConfigureAwait(false))
        {
            if (beforeIndex is { } end && entry.Sequence >= end)
            {
                break;
            }

            history.Apply(entry);
        }

        return history.Consents(asOf);
    }
}
