using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Access;

/// <summary>Finds a clinician's break-glass session for a patient in the log (<c>breakglass.opened</c> entries).</summary>
/// <remarks>
/// The newest session the user opened for the subject is the one in force; the policy decides whether it still is
/// (<see cref="BreakGlassSession.MaxDuration"/> from its start). The reason itself is never in the log: the session
/// carries the hex SHA-256 the entry commits to, which is never blank, since sessions are only opened with a reason.
/// </remarks>
public static class BreakGlassSessions
{
    /// <summary>Finds the newest session <paramref name="userKey"/> opened for <paramref name="subject"/>, or null.</summary>
    /// <exception cref="InvalidDataException">A break-glass entry is malformed, or the index disagrees with the entries.</exception>
    public static async Task<BreakGlassSession?> FindLatestAsync(ILogStore store, string subject, string userKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        var history = new SubjectHistory(store.LogName, "unused", subject);
        await foreach (var entry in SubjectEntries.ReadAsync(store, subject, 0, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Type == AccessEventTypes.BreakGlassOpened)
            {
                history.Apply(entry);
            }
        }

        return history.BreakGlassOf(userKey);
    }
}
