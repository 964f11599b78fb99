using MedLedger.Access.LedgerEvents;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Functions.Access;

/// <summary>A logged decision: what was decided, about which patient, and where the decision entry is.</summary>
/// <param name="Details">The decision.</param>
/// <param name="Patient">The patient as the directory knows them; null when unknown.</param>
/// <param name="Log">Where the patient's events go; null only for an id that cannot name any patient (nothing was logged).</param>
/// <param name="Event">The decision's ledger entry; null only when nothing could be logged.</param>
internal sealed record GateDecision(DecisionDetails Details, DirectoryPatient? Patient, PatientLog? Log, AccessEventLocation? Event)
{
    /// <summary>Gets a value indicating whether the operation may proceed.</summary>
    public bool IsPermit => Details.IsPermit;
}
