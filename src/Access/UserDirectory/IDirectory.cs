namespace MedLedger.Access.UserDirectory;

/// <summary>The directory port: who users, patients and organizations are. Lookups answer null for unknown ids.</summary>
/// <remarks>Implementations: <see cref="InMemoryDirectory"/> (local mode, tests) and <c>MedLedger.Infrastructure.Access.TableDirectory</c> (Table Storage; it also implements <see cref="IDirectoryAdministration"/>).</remarks>
public interface IDirectory
{
    /// <summary>Finds a user by user key.</summary>
    Task<DirectoryUser?> FindUserAsync(string userKey, CancellationToken cancellationToken = default);

    /// <summary>Finds a patient by patient id.</summary>
    Task<DirectoryPatient?> FindPatientAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>Finds an organization by id.</summary>
    Task<DirectoryOrganization?> FindOrganizationAsync(string organizationId, CancellationToken cancellationToken = default);
}
