using MedLedger.Access.AccessLog;
using MedLedger.Access.Identifiers;
using MedLedger.Access.LedgerEvents;
using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Access;

/// <summary>
/// Builds a patient's access log from the log itself: every access event of the patient's subject index becomes a line
/// (who, organization, record, when, purpose, decision, break-glass flag, ledger index, event id), in log order.
/// </summary>
/// <remarks>
/// Pages are cut by ledger index, so a page boundary never moves as the log grows, and paging from
/// <see cref="AccessLogPage.NextIndex"/> never repeats or skips a line. Entries of types that are not access events are
/// passed over; entries of access event types must be well-formed (<see cref="AccessEventReader"/>).
/// </remarks>
public static class AccessLogReader
{
    /// <summary>The most lines one page holds.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Reads up to <paramref name="maxLines"/> lines of <paramref name="patientId"/>'s access log, from ledger index <paramref name="fromIndex"/> on.</summary>
    /// <param name="store">The log holding the patient's entries.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="subject">The patient's pseudonym.</param>
    /// <param name="fromIndex">The first ledger index to consider (0, or a previous page's <see cref="AccessLogPage.NextIndex"/>).</param>
    /// <param name="maxLines">The page size, 1 to <see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDataException">An access event in the log is malformed, or the index disagrees with the entries.</exception>
    public static async Task<AccessLogPage> ReadPageAsync(
        ILogStore store, string patientId, string subject, long fromIndex, int maxLines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        IdentifierSyntax.Require(patientId, nameof(patientId));
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfNegative(fromIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLines, MaxPageSize);
        var lines = new List<AccessLogLine>(Math.Min(maxLines, 64));
        long? last = null;
        await foreach (var entry in SubjectEntries.ReadAsync(store, subject, fromIndex, cancellationToken).ConfigureAwait(false))
        {
            if (lines.Count == maxLines)
            {
                // One entry beyond a full page exists: the next page starts right after the page's last line.
                return new AccessLogPage(lines, last!.Value + 1);
            }

            last = entry.Sequence;
            if (AccessEventReader.ReadLine(entry, patientId) is { } line)
            {
                lines.Add(line);
            }
        }

        return new AccessLogPage(lines, null);
    }
}
