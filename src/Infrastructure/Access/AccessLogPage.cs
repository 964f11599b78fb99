using MedLedger.Access.AccessLog;

namespace MedLedger.Infrastructure.Access;

/// <summary>One page of a patient's access log, oldest first.</summary>
/// <param name="Lines">The lines, in log order.</param>
/// <param name="NextIndex">The ledger index to continue from, or null when the log holds nothing more for the patient.</param>
public sealed record AccessLogPage(IReadOnlyList<AccessLogLine> Lines, long? NextIndex);
