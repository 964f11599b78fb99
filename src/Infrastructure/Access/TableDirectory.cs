using Azure;
using MedLedger.Access.Identifiers;
using MedLedger.Access.UserDirectory;
using MedLedger.Clients.Storage;
using MedLedger.Clients.Tables;

namespace MedLedger.Infrastructure.Access;

/// <summary>The directory in Azure Table Storage: users, patients and organizations, with the admin operations.</summary>
/// <remarks>
/// <para><b>Layout.</b> One partition per directory (<see cref="TableDirectoryRows"/> lists the rows), so every change
/// is one entity-group transaction: a patient user and the row that reserves their patient are added, moved or removed
/// together, which is how "a patient has at most one user" holds under concurrent admin requests. Lookups are point
/// reads. One partition serves about 2,000 entities per second (Azure Storage scalability targets); requests read
/// one or two directory rows each.</para>
/// <para><b>Changes.</b> Users are checked with <see cref="DirectoryRules"/> against the organization and patient rows
/// they name. A replacement or removal is conditional on the user row's ETag as read, so a concurrent change answers
/// <see cref="DirectoryChangeStatus.Conflict"/> instead of being overwritten. Adding exactly what is already stored
/// succeeds, so a retried request whose first answer was lost does not report a conflict with itself.</para>
/// <para>Organizations and patients are only added, never changed or removed (consents and ledger entries refer to
/// them).</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use, also by several instances on one table.</threadsafety>
public sealed class TableDirectory : IDirectoryAdministration, IPatientPseudonyms
{
    /// <summary>The table that holds the directory unless configured otherwise (listed in infra/storage-layout.json).</summary>
    public const string DefaultTableName = "directory";

    /// <summary>The partition of the app's directory unless configured otherwise.</summary>
    public const string DefaultPartition = "directory";

    /// <summary>The most users one <see cref="ListUsersAsync"/> call returns.</summary>
    public const int MaxListCount = 1000;

    private readonly TableClient _table;
    private readonly string _partition;

    /// <summary>Creates a directory in <paramref name="table"/> under <paramref name="partition"/> (no request is sent).</summary>
    /// <exception cref="ArgumentException"><paramref name="partition"/> is not a well-formed id.</exception>
    public TableDirectory(TableClient table, string partition = DefaultPartition)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _partition = IdentifierSyntax.Require(partition, nameof(partition));
    }

    /// <summary>Gets the partition that holds this directory's rows.</summary>
    public string Partition => _partition;

    /// <summary>Creates the directory in the table <paramref name="tableName"/> of <paramref name="account"/> (no request is sent).</summary>
    public static TableDirectory Open(StorageAccount account, string tableName = DefaultTableName, string partition = DefaultPartition)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new TableDirectory(account.GetTableClient(tableName), partition);
    }

    /// <summary>Creates the table unless it exists (deployments create it; local runs and tests call this).</summary>
    public Task<bool> CreateTableIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Writes <paramref name="seed"/> unless a seed was applied before: local mode's demo users.</summary>
    /// <returns>True when this call applied the seed; false when a seed was already applied (then nothing is changed, so
    /// the admin's later changes survive restarts).</returns>
    /// <remarks>The rows are upserted in transactions of at most 100 and the marker row is added last: a seed interrupted
    /// half-way is applied again in full on the next call.</remarks>
    public Task<bool> SeedAsync(DirectorySeed seed, CancellationToken cancellationToken = default) =>
        SeedAsync(seed, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Writes <paramref name="seed"/> with the patients' ledger pseudonyms unless a seed was applied before.</summary>
    /// <param name="seed">The directory content.</param>
    /// <param name="pseudonyms">Patient id to pseudonym, for the reverse index (<see cref="IPatientPseudonyms"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <inheritdoc cref="SeedAsync(DirectorySeed, CancellationToken)" path="/returns"/>
    /// <exception cref="ArgumentException">A pseudonym is malformed or names a patient the seed does not have.</exception>
    public async Task<bool> SeedAsync(DirectorySeed seed, IReadOnlyDictionary<string, string> pseudonyms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        foreach (var (patientId, pseudonym) in pseudonyms)
        {
            if (!TableDirectoryRows.IsValidPseudonym(pseudonym) || !seed.Patients.Any(p => p.PatientId == patientId))
            {
                throw new ArgumentException("Every pseudonym must be well-formed and belong to a patient of the seed.", nameof(pseudonyms));
            }
        }

        if (await _table.GetEntityIfExistsAsync(_partition, TableDirectoryRows.SeedRow, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var rows = new List<TableEntity>();
        rows.AddRange(seed.Organizations.Select(o => TableDirectoryRows.Organization(_partition, o)));
        rows.AddRange(seed.Patients.Select(p => TableDirectoryRows.Patient(_partition, p)));
        rows.AddRange(seed.Users.Select(u => TableDirectoryRows.User(_partition, u)));
        rows.AddRange(seed.Users.Where(u => u.PatientId is not null).Select(u => TableDirectoryRows.PatientUser(_partition, u.PatientId!, u.UserKey)));
        rows.AddRange(pseudonyms.Select(p => TableDirectoryRows.Pseudonym(_partition, p.Value, p.Key)));
        foreach (var chunk in rows.Chunk(TableLimits.MaxTransactionActions))
        {
            var result = await _table.SubmitTransactionAsync([.. chunk.Select(TableTransactionAction.UpsertReplace)], cancellationToken).ConfigureAwait(false);
            result.EnsureSuccess(_table.Name);
        }

        try
        {
            await _table.AddEntityAsync(TableDirectoryRows.Seed(_partition, seed.Organizations.Count, seed.Patients.Count, seed.Users.Count), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Another instance seeded at the same time with the same content.
            return false;
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row is malformed.</exception>
    public async Task<DirectoryUser?> FindUserAsync(string userKey, CancellationToken cancellationToken = default) =>
        (await ReadUserAsync(userKey, cancellationToken).ConfigureAwait(false))?.User;

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row is malformed.</exception>
    public async Task<DirectoryPatient?> FindPatientAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        if (!IdentifierSyntax.IsValid(patientId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(_partition, TableDirectoryRows.PatientKey(patientId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : TableDirectoryRows.ReadPatient(row);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row is malformed.</exception>
    public async Task<DirectoryOrganization?> FindOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        if (!IdentifierSyntax.IsValid(organizationId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(_partition, TableDirectoryRows.OrganizationKey(organizationId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : TableDirectoryRows.ReadOrganization(row);
    }

    /// <inheritdoc />
    public async Task<DirectoryChangeResult> AddOrganizationAsync(DirectoryOrganization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!IdentifierSyntax.IsValid(organization.Id) || !Enum.IsDefined(organization.Kind))
        {
            return DirectoryChangeResult.Invalid($"An organization has an id of 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.Alphabet} and a kind, clinic or insurer.");
        }

        return await AddOnceAsync(TableDirectoryRows.Organization(_partition, organization), () => FindOrganizationAsync(organization.Id, cancellationToken), organization, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DirectoryChangeResult> AddPatientAsync(DirectoryPatient patient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (!IdentifierSyntax.IsValid(patient.PatientId) || !IdentifierSyntax.IsValid(patient.OrganizationId))
        {
            return DirectoryChangeResult.Invalid($"Patient and organization ids are 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.Alphabet}.");
        }

        if (await FindOrganizationAsync(patient.OrganizationId, cancellationToken).ConfigureAwait(false) is not { Kind: OrganizationKind.Clinic })
        {
            return DirectoryChangeResult.Invalid("A patient's organization must be a clinic in the directory.");
        }

        return await AddOnceAsync(TableDirectoryRows.Patient(_partition, patient), () => FindPatientAsync(patient.PatientId, cancellationToken), patient, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The patient row and the pseudonym row are written in one transaction. Adding a pseudonym to a patient added
    /// earlier without one writes the pseudonym row alone. A pseudonym already indexed for another patient is refused
    /// (<see cref="DirectoryChangeStatus.AlreadyExists"/>): it would make a record of one patient resolve to another.</remarks>
    public async Task<DirectoryChangeResult> AddPatientAsync(DirectoryPatient patient, string pseudonym, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (!TableDirectoryRows.IsValidPseudonym(pseudonym))
        {
            return DirectoryChangeResult.Invalid("A pseudonym is 1 to 64 base64url characters.");
        }

        if (!IdentifierSyntax.IsValid(patient.PatientId) || !IdentifierSyntax.IsValid(patient.OrganizationId))
        {
            return DirectoryChangeResult.Invalid($"Patient and organization ids are 1 to {IdentifierSyntax.MaxLength} characters from {IdentifierSyntax.Alphabet}.");
        }

        if (await FindOrganizationAsync(patient.OrganizationId, cancellationToken).ConfigureAwait(false) is not { Kind: OrganizationKind.Clinic })
        {
            return DirectoryChangeResult.Invalid("A patient's organization must be a clinic in the directory.");
        }

        var result = await _table.SubmitTransactionAsync(
            [
                TableTransactionAction.Add(TableDirectoryRows.Patient(_partition, patient)),
                TableTransactionAction.Add(TableDirectoryRows.Pseudonym(_partition, pseudonym, patient.PatientId)),
            ],
            cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return DirectoryChangeResult.Applied;
        }

        if (result.Failure is not { Status: 409 })
        {
            throw result.Failure!.ToException(_table.Name);
        }

        // Something exists already: this very change (a retry whose first answer was lost), the patient without a
        // pseudonym (added before the index existed), or another patient.
        if (!Equals(await FindPatientAsync(patient.PatientId, cancellationToken).ConfigureAwait(false), patient))
        {
            return new DirectoryChangeResult(DirectoryChangeStatus.AlreadyExists);
        }

        return await AddOnceAsync(
            TableDirectoryRows.Pseudonym(_partition, pseudonym, patient.PatientId),
            () => FindPatientIdAsync(pseudonym, cancellationToken),
            patient.PatientId,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The stored row is malformed.</exception>
    public async Task<string?> FindPatientIdAsync(string pseudonym, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        if (!TableDirectoryRows.IsValidPseudonym(pseudonym))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(_partition, TableDirectoryRows.PseudonymKey(pseudonym), cancellationToken).ConfigureAwait(false);
        return row is null ? null : TableDirectoryRows.ReadPseudonymPatient(row);
    }

    /// <inheritdoc />
    public async Task<DirectoryChangeResult> AddUserAsync(DirectoryUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CheckAsync(user, cancellationToken).ConfigureAwait(false) is { } invalid)
        {
            return invalid;
        }

        List<TableTransactionAction> actions = [TableTransactionAction.Add(TableDirectoryRows.User(_partition, user))];
        if (user.PatientId is { } patient)
        {
            actions.Add(TableTransactionAction.Add(TableDirectoryRows.PatientUser(_partition, patient, user.UserKey)));
        }

        var result = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return DirectoryChangeResult.Applied;
        }

        if (result.Failure is not { Status: 409 } failure)
        {
            throw result.Failure!.ToException(_table.Name);
        }

        if (await ReadUserAsync(user.UserKey, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return SameUser(stored.User, user) ? DirectoryChangeResult.Applied : new DirectoryChangeResult(DirectoryChangeStatus.AlreadyExists);
        }

        return failure.ActionIndex == 1
            ? new DirectoryChangeResult(DirectoryChangeStatus.PatientTaken)
            : new DirectoryChangeResult(DirectoryChangeStatus.Conflict);
    }

    /// <inheritdoc />
    public async Task<DirectoryChangeResult> UpdateUserAsync(DirectoryUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await CheckAsync(user, cancellationToken).ConfigureAwait(false) is { } invalid)
        {
            return invalid;
        }

        if (await ReadUserAsync(user.UserKey, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new DirectoryChangeResult(DirectoryChangeStatus.NotFound);
        }

        if (SameUser(stored.User, user))
        {
            return DirectoryChangeResult.Applied;
        }

        List<TableTransactionAction> actions = [TableTransactionAction.UpdateReplace(TableDirectoryRows.User(_partition, user), stored.ETag)];
        var patientChanges = !string.Equals(stored.User.PatientId, user.PatientId, StringComparison.Ordinal);
        if (patientChanges && stored.User.PatientId is { } previous)
        {
            // The user row's ETag condition guarantees this reservation still belongs to this user.
            actions.Add(TableTransactionAction.Delete(_partition, TableDirectoryRows.PatientUserKey(previous), ETag.All));
        }

        if (patientChanges && user.PatientId is { } next)
        {
            actions.Add(TableTransactionAction.Add(TableDirectoryRows.PatientUser(_partition, next, user.UserKey)));
        }

        var result = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? DirectoryChangeResult.Applied : await ExplainFailureAsync(result.Failure!, actions, user, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DirectoryChangeResult> RemoveUserAsync(string userKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        if (await ReadUserAsync(userKey, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new DirectoryChangeResult(DirectoryChangeStatus.NotFound);
        }

        List<TableTransactionAction> actions = [TableTransactionAction.Delete(_partition, TableDirectoryRows.UserKey(userKey), stored.ETag)];
        if (stored.User.PatientId is { } patient)
        {
            actions.Add(TableTransactionAction.Delete(_partition, TableDirectoryRows.PatientUserKey(patient), ETag.All));
        }

        var result = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return DirectoryChangeResult.Applied;
        }

        if (result.Failure is { Status: 404 or 412 })
        {
            // Gone now (this removal's lost answer and its retry, or a concurrent removal): what was asked for holds.
            // Still there: it was changed meanwhile, so removing the version that was read would be wrong.
            return await ReadUserAsync(userKey, cancellationToken).ConfigureAwait(false) is null
                ? DirectoryChangeResult.Applied
                : new DirectoryChangeResult(DirectoryChangeStatus.Conflict);
        }

        throw result.Failure!.ToException(_table.Name);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not 1 to <see cref="MaxListCount"/>.</exception>
    /// <exception cref="InvalidDataException">A stored row is malformed.</exception>
    public async Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(string? afterUserKey, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, MaxListCount);
        if (afterUserKey is not null && !IdentifierSyntax.IsValid(afterUserKey))
        {
            throw new ArgumentException("The cursor is not a user key.", nameof(afterUserKey));
        }

        var from = afterUserKey is null ? TableDirectoryRows.UserPrefix : TableDirectoryRows.UserKey(afterUserKey);
        var query = new TableQuery
        {
            Filter = TableFilter.Create($"PartitionKey eq {_partition} and RowKey gt {from} and RowKey lt {TableDirectoryRows.UsersEnd}"),
            Top = maxCount,
        };
        var users = new List<DirectoryUser>(maxCount);
        await foreach (var row in _table.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            users.Add(TableDirectoryRows.ReadUser(row));
            if (users.Count == maxCount)
            {
                break;
            }
        }

        return users;
    }

    private static bool SameUser(DirectoryUser a, DirectoryUser b) =>
        a.UserKey == b.UserKey && a.Roles.SetEquals(b.Roles) && a.OrganizationId == b.OrganizationId && a.PatientId == b.PatientId;

    private async Task<DirectoryChangeResult?> CheckAsync(DirectoryUser user, CancellationToken cancellationToken)
    {
        if (user.Roles is null || !IdentifierSyntax.IsValid(user.UserKey))
        {
            return DirectoryChangeResult.Invalid(DirectoryRules.Check(user, null, null) ?? "The user is malformed.");
        }

        var organization = user.OrganizationId is { } organizationId ? await FindOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false) : null;
        var patient = user.PatientId is { } patientId ? await FindPatientAsync(patientId, cancellationToken).ConfigureAwait(false) : null;
        return DirectoryRules.Check(user, organization, patient) is { } problem ? DirectoryChangeResult.Invalid(problem) : null;
    }

    private async Task<(DirectoryUser User, ETag ETag)?> ReadUserAsync(string userKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userKey);
        if (!IdentifierSyntax.IsValid(userKey))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(_partition, TableDirectoryRows.UserKey(userKey), cancellationToken).ConfigureAwait(false);
        return row is null ? null : (TableDirectoryRows.ReadUser(row), row.ETag);
    }

    private async Task<DirectoryChangeResult> ExplainFailureAsync(
        TableTransactionFailure failure, List<TableTransactionAction> actions, DirectoryUser user, CancellationToken cancellationToken)
    {
        if (failure.Status is not (404 or 409 or 412))
        {
            throw failure.ToException(_table.Name);
        }

        var failed = failure.ActionIndex is { } index && index < actions.Count ? actions[index] : null;
        if (failed?.ActionType == TableTransactionActionType.Add && failure.Status == 409)
        {
            // The new patient is reserved: by another user, or by this very change if a retry lost the first answer.
            var current = await ReadUserAsync(user.UserKey, cancellationToken).ConfigureAwait(false);
            return current is { } stored && SameUser(stored.User, user)
                ? DirectoryChangeResult.Applied
                : new DirectoryChangeResult(DirectoryChangeStatus.PatientTaken);
        }

        var now = await ReadUserAsync(user.UserKey, cancellationToken).ConfigureAwait(false);
        return now switch
        {
            null => new DirectoryChangeResult(DirectoryChangeStatus.NotFound),
            { } stored when SameUser(stored.User, user) => DirectoryChangeResult.Applied,
            _ => new DirectoryChangeResult(DirectoryChangeStatus.Conflict),
        };
    }

    private async Task<DirectoryChangeResult> AddOnceAsync<T>(TableEntity row, Func<Task<T?>> find, T wanted, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return DirectoryChangeResult.Applied;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return Equals(await find().ConfigureAwait(false), wanted)
                ? DirectoryChangeResult.Applied
                : new DirectoryChangeResult(DirectoryChangeStatus.AlreadyExists);
        }
    }
}
