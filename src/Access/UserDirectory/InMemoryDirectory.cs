namespace MedLedger.Access.UserDirectory;

/// <summary>A directory held in memory, built from a validated <see cref="DirectorySeed"/>.</summary>
/// <threadsafety>Immutable after construction; safe for concurrent use.</threadsafety>
public sealed class InMemoryDirectory : IDirectory
{
    private readonly Dictionary<string, DirectoryUser> _users;
    private readonly Dictionary<string, DirectoryPatient> _patients;
    private readonly Dictionary<string, DirectoryOrganization> _organizations;

    /// <summary>Creates a directory holding exactly the entries of <paramref name="seed"/>.</summary>
    public InMemoryDirectory(DirectorySeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        _users = seed.Users.ToDictionary(u => u.UserKey, StringComparer.Ordinal);
        _patients = seed.Patients.ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        _organizations = seed.Organizations.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task<DirectoryUser?> FindUserAsync(string userKey, CancellationToken cancellationToken = default) =>
        Find(_users, userKey, cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryPatient?> FindPatientAsync(string patientId, CancellationToken cancellationToken = default) =>
        Find(_patients, patientId, cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryOrganization?> FindOrganizationAsync(string organizationId, CancellationToken cancellationToken = default) =>
        Find(_organizations, organizationId, cancellationToken);

    private static Task<T?> Find<T>(Dictionary<string, T> entries, string key, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(entries.GetValueOrDefault(key));
    }
}
