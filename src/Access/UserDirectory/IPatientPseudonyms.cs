namespace MedLedger.Access.UserDirectory;

/// <summary>The directory's reverse index from a patient's ledger pseudonym to the patient id.</summary>
/// <remarks>
/// The ledger holds only pseudonyms (a keyed hash of the patient id), so an id that names a record but not its patient
/// (<c>GET /api/records/{recordId}</c>) leads to a pseudonym; this index leads back to the patient, whose normal
/// authorization then runs. The pseudonym is computed by the app with its secret and stored alongside the patient when
/// the patient is added; the directory itself never sees the secret.
/// </remarks>
public interface IPatientPseudonyms
{
    /// <summary>Finds the id of the patient whose pseudonym is <paramref name="pseudonym"/>; null when none is indexed.</summary>
    Task<string?> FindPatientIdAsync(string pseudonym, CancellationToken cancellationToken = default);
}
