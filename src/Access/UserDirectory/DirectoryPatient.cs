namespace MedLedger.Access.UserDirectory;

/// <summary>A patient known to the directory, with the clinic responsible for them.</summary>
/// <param name="PatientId">The patient id (<c>p-1</c>).</param>
/// <param name="OrganizationId">The patient's clinic: its clinicians may manage the patient's consents on their behalf.</param>
public sealed record DirectoryPatient(string PatientId, string OrganizationId);
