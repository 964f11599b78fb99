namespace MedLedger.Access.UserDirectory;

/// <summary>The directory's administration port: what the admin endpoints may change.</summary>
/// <remarks>
/// <para>Organizations and patients are only ever added: consents and ledger entries refer to them, so they are never
/// renamed or removed. Users are added, replaced and removed; every user is checked with <see cref="DirectoryRules"/>
/// against the directory's current organizations and patients, and a patient has at most one user.</para>
/// <para>Refusals are values (<see cref="DirectoryChangeResult"/>); service failures throw.</para>
/// </remarks>
public interface IDirectoryAdministration : IDirectory
{
    /// <summary>Adds an organization.</summary>
    Task<DirectoryChangeResult> AddOrganizationAsync(DirectoryOrganization organization, CancellationToken cancellationToken = default);

    /// <summary>Adds a patient; their clinic must be a clinic in the directory.</summary>
    Task<DirectoryChangeResult> AddPatientAsync(DirectoryPatient patient, CancellationToken cancellationToken = default);

    /// <summary>Adds a patient together with their ledger pseudonym (<see cref="IPatientPseudonyms"/>), atomically; for a
    /// patient added before without it, adds the pseudonym.</summary>
    Task<DirectoryChangeResult> AddPatientAsync(DirectoryPatient patient, string pseudonym, CancellationToken cancellationToken = default);

    /// <summary>Adds a user.</summary>
    Task<DirectoryChangeResult> AddUserAsync(DirectoryUser user, CancellationToken cancellationToken = default);

    /// <summary>Replaces an existing user's roles, organization and patient.</summary>
    Task<DirectoryChangeResult> UpdateUserAsync(DirectoryUser user, CancellationToken cancellationToken = default);

    /// <summary>Removes a user (their patient, if any, may then be given to another user).</summary>
    Task<DirectoryChangeResult> RemoveUserAsync(string userKey, CancellationToken cancellationToken = default);

    /// <summary>Lists users in user-key order (ordinal), starting after <paramref name="afterUserKey"/>.</summary>
    /// <param name="afterUserKey">The last user key of the previous page, or null for the first page.</param>
    /// <param name="maxCount">The most users to return (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string? afterUserKey, int maxCount, CancellationToken cancellationToken = default);
}
