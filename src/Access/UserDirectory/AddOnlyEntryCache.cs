using System.Collections.Concurrent;

namespace MedLedger.Access.UserDirectory;

/// <summary>
/// A directory that remembers the patients and organizations it has found, and asks <see cref="Inner"/> for everything
/// else: users every time, and every id it has not found yet.
/// </summary>
/// <remarks>
/// <para><b>Why this is not stale.</b> Patients and organizations are add-only (<see cref="IDirectoryAdministration"/>:
/// consents and ledger entries refer to them, so they are never renamed, moved to another clinic or removed). A patient
/// or organization that was found once is therefore found, unchanged, by every later lookup, and answering it from
/// memory gives exactly the answer the directory would. There is no time to live because there is nothing to expire.
/// (A row edited by hand in storage, outside the administration port, is seen after a restart.)</para>
/// <para><b>What is never cached.</b> Users (they are replaced and removed, and a removal must count on the very next
/// request) and "not found" answers (an id added later must be found at once).</para>
/// <para><b>Size.</b> At most <see cref="Capacity"/> entries of each kind; when one kind is full it is emptied and fills
/// again from the directory (a cache miss costs one lookup, never a wrong answer).</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class AddOnlyEntryCache : IDirectory
{
    /// <summary>The default number of patients (and of organizations) kept.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, DirectoryPatient> _patients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DirectoryOrganization> _organizations = new(StringComparer.Ordinal);

    /// <summary>Creates a cache in front of <paramref name="inner"/>.</summary>
    /// <param name="inner">The directory that answers.</param>
    /// <param name="capacity">The most patients (and the most organizations) kept.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public AddOnlyEntryCache(IDirectory inner, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Inner = inner;
        Capacity = capacity;
    }

    /// <summary>Gets the directory that answers what is not cached.</summary>
    public IDirectory Inner { get; }

    /// <summary>Gets the most patients (and the most organizations) kept.</summary>
    public int Capacity { get; }

    /// <inheritdoc />
    /// <remarks>Always asks <see cref="Inner"/>: users change.</remarks>
    public Task<DirectoryUser?> FindUserAsync(string userKey, CancellationToken cancellationToken = default) =>
        Inner.FindUserAsync(userKey, cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryPatient?> FindPatientAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return _patients.TryGetValue(patientId, out var known)
            ? Task.FromResult<DirectoryPatient?>(known)
            : FindAndKeepAsync(_patients, patientId, Inner.FindPatientAsync, p => p.PatientId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DirectoryOrganization?> FindOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        return _organizations.TryGetValue(organizationId, out var known)
            ? Task.FromResult<DirectoryOrganization?>(known)
            : FindAndKeepAsync(_organizations, organizationId, Inner.FindOrganizationAsync, o => o.Id, cancellationToken);
    }

    private async Task<T?> FindAndKeepAsync<T>(
        ConcurrentDictionary<string, T> cache, string id, Func<string, CancellationToken, Task<T?>> find, Func<T, string> idOf, CancellationToken cancellationToken)
        where T : class
    {
        var found = await find(id, cancellationToken).ConfigureAwait(false);

        // Only an entry stored under exactly the id asked for is kept (a directory answering another id is not trusted to).
        if (found is not null && string.Equals(idOf(found), id, StringComparison.Ordinal))
        {
            if (cache.Count >= Capacity)
            {
                cache.Clear();
            }

            cache.TryAdd(id, found);
        }

        return found;
    }
}
