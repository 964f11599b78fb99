using MedLedger.Access.Authorization;
using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Access.UserDirectory;
using MedLedger.Infrastructure.Access;

namespace MedLedger.Functions.Access;

/// <summary>
/// The one place requests are authorized: every id in the request is checked against the caller (OWASP API1), and
/// every decision — permit or deny, with what decided it — is appended to the patient's log before anything is released
/// or changed.
/// </summary>
/// <remarks>
/// Order of checks for an operation on a patient: the patient must exist in the directory (else <c>unknown-patient</c>),
/// then the rights table (<see cref="OperationAuthorizer"/>) decides. A denial is logged like a permit; the endpoint then
/// answers exactly as for a missing object (<see cref="AccessProblems.NotFound"/>). Reads of record content go on to the
/// policy decision point (<see cref="DecideRecordAccessAsync"/>).
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
internal sealed class AccessGate(IDirectory directory, AccessLedger ledger, SubjectHistoryCache histories, PolicyDecisionPoint decisionPoint)
{
    /// <summary>Decides <paramref name="operation"/> by <paramref name="caller"/> on <paramref name="patientId"/>'s data and logs the decision.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="patientId">The patient the request names.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="logPermit">
    /// Whether a permit is logged as an <c>access.permitted</c> entry: yes for operations that release data; no for
    /// changes (submitting a record, granting or revoking a consent), whose own entry records what was permitted. A
    /// denial is always logged.
    /// </param>
    public async Task<GateDecision> AuthorizeAsync(Caller caller, AccessOperation operation, string patientId, CancellationToken cancellationToken, bool logPermit = true)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (patient, log) = await FindPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        var now = decisionPoint.Now();
        var details = patient is null
            ? DecisionDetails.Refusal(operation, "unknown-patient", now)
            : DecisionDetails.FromRights(operation, OperationAuthorizer.Authorize(caller, operation, new OperationTarget(patient.PatientId, patient.OrganizationId)), now);
        return details.IsPermit && !logPermit
            ? new GateDecision(details, patient, log, null)
            : await LogAsync(caller, details, patient, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the instant a decision made now uses (whole milliseconds).</summary>
    public DateTimeOffset Now() => decisionPoint.Now();

    /// <summary>
    /// The first checks of a read of record content: the patient must exist and the rights table must let the caller ask
    /// (<see cref="RightScope.ConsentPolicy"/>); a refusal is logged and returned. Otherwise nothing is logged yet: the
    /// policy's decision will be (<see cref="DecideRecordAccessAsync"/>).
    /// </summary>
    public async Task<(GateDecision? Refusal, DirectoryPatient? Patient, PatientLog? Log)> ScreenRecordReadAsync(
        Caller caller, string patientId, string recordId, PurposeOfUse? purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (patient, log) = await FindPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        var named = IdentifierSyntax.IsValidRecordId(recordId) ? recordId : null;
        DecisionDetails? refusal = null;
        if (patient is null)
        {
            refusal = DecisionDetails.Refusal(AccessOperation.ReadRecord, "unknown-patient", decisionPoint.Now(), purpose, named);
        }
        else
        {
            var rights = OperationAuthorizer.Authorize(caller, AccessOperation.ReadRecord, new OperationTarget(patient.PatientId, patient.OrganizationId));
            refusal = rights.Verdict == OperationVerdict.Denied
                ? DecisionDetails.FromRights(AccessOperation.ReadRecord, rights, decisionPoint.Now(), purpose, named)
                : purpose is null ? DecisionDetails.Refusal(AccessOperation.ReadRecord, "purpose-missing", decisionPoint.Now(), recordId: named) : null;
        }

        return refusal is null
            ? (null, patient, log)
            : (await LogAsync(caller, refusal, patient, log, cancellationToken).ConfigureAwait(false), patient, log);
    }

    /// <summary>Decides an operation that concerns no patient (directory administration) and logs it to log 0 without a subject.</summary>
    public async Task<GateDecision> AuthorizeUnscopedAsync(Caller caller, AccessOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var details = DecisionDetails.FromRights(operation, OperationAuthorizer.Authorize(caller, operation, OperationTarget.None), decisionPoint.Now());
        var location = await ledger.AppendUnscopedAsync(caller.UserKey, AccessEvents.Decision(details, caller.OrganizationId), cancellationToken).ConfigureAwait(false);
        return new GateDecision(details, null, null, location);
    }

    /// <summary>
    /// Logs a refusal that no patient can be named for (a record id whose patient cannot be found) to log 0 without a
    /// subject, as decisions about no patient are; the record id, when well-formed, is in the entry's data.
    /// </summary>
    public async Task<GateDecision> RefuseUnscopedAsync(Caller caller, DecisionDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(details);
        var location = await ledger.AppendUnscopedAsync(caller.UserKey, AccessEvents.Decision(details, caller.OrganizationId), cancellationToken).ConfigureAwait(false);
        return new GateDecision(details, null, null, location);
    }

    /// <summary>Logs a refusal found after the operation was allowed (for example a consent id the patient does not have).</summary>
    public Task<GateDecision> RefuseAsync(Caller caller, AccessOperation operation, GateDecision allowed, string reasonCode, string? recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var details = DecisionDetails.Refusal(operation, reasonCode, decisionPoint.Now(), recordId: recordId);
        return LogAsync(caller, details, allowed.Patient, allowed.Log, cancellationToken);
    }

    /// <summary>Reads the patient's current access state (consents, break-glass sessions) from the log.</summary>
    public Task<SubjectAccessState> ReadStateAsync(PatientLog patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return histories.ReadAsync(patient.Log.Store, patient.PatientId, patient.Subject, cancellationToken);
    }

    /// <summary>
    /// Decides a read of record content by the policy and logs it: the patient and record were found; the decision uses
    /// the consent state as the log holds it now, no earlier than its newest consent event.
    /// </summary>
    /// <param name="caller">The caller.</param>
    /// <param name="patient">The patient (known to the directory).</param>
    /// <param name="recordId">The record.</param>
    /// <param name="record">The record's submitting clinic and category.</param>
    /// <param name="purpose">The stated (or default) purpose.</param>
    /// <param name="breakGlassReason">The break-glass reason the request carried, if any (opens a session when none is active).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<GateDecision> DecideRecordAccessAsync(
        Caller caller, (GateDecision? Refusal, DirectoryPatient? Patient, PatientLog? Log) patient, string recordId, RecordAttributes record, PurposeOfUse purpose,
        string? breakGlassReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var log = patient.Log ?? throw new ArgumentException("The patient has no log.", nameof(patient));
        var state = await ReadStateAsync(log, cancellationToken).ConfigureAwait(false);
        var session = await BreakGlassSessionAsync(caller, log, state, purpose, breakGlassReason, cancellationToken).ConfigureAwait(false);
        if (session.Opened)
        {
            state = await ReadStateAsync(log, cancellationToken).ConfigureAwait(false);
        }

        var decision = decisionPoint.Decide(
            caller, log.PatientId, record, ConsentAction.Access, purpose, state.Consents.State, session.Session, state.Consents.LatestChange);
        var details = DecisionDetails.FromPolicy(AccessOperation.ReadRecord, decision, recordId, session.Session).WithStateIndex(state.NextIndex);
        return await LogAsync(caller, details, patient.Patient, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends <paramref name="details"/> to the patient's log (when the id can name a patient at all).</summary>
    public async Task<GateDecision> LogAsync(Caller caller, DecisionDetails details, DirectoryPatient? patient, PatientLog? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(details);
        var location = log is null
            ? null
            : await ledger.AppendAsync(log, caller.UserKey, AccessEvents.Decision(details, caller.OrganizationId), cancellationToken).ConfigureAwait(false);
        return new GateDecision(details, patient, log, location);
    }

    private async Task<(DirectoryPatient? Patient, PatientLog? Log)> FindPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        var log = ledger.For(patientId);
        var patient = IdentifierSyntax.IsValid(patientId) ? await directory.FindPatientAsync(patientId, cancellationToken).ConfigureAwait(false) : null;
        return (patient, log);
    }

    // Break-glass: the caller's newest session for the patient counts while it lasts. A request that states a reason and
    // finds no session in force opens one (logged before the decision that uses it); a blank reason opens nothing and is
    // decided as a session without a reason.
    private async Task<(BreakGlassSession? Session, bool Opened)> BreakGlassSessionAsync(
        Caller caller, PatientLog log, SubjectAccessState state, PurposeOfUse purpose, string? reason, CancellationToken cancellationToken)
    {
        if (purpose != PurposeOfUse.EmergencyTreatment)
        {
            return (null, false);
        }

        var now = decisionPoint.Now(state.Consents.LatestChange);
        var current = state.BreakGlassOf(caller.UserKey);
        if (current is not null && now >= current.StartedAt && now < current.EndsAt)
        {
            return (current, false);
        }

        if (reason is null)
        {
            return (current, false);
        }

        if (string.IsNullOrWhiteSpace(reason) || !RolePurposes.Allows(caller.Roles, PurposeOfUse.EmergencyTreatment))
        {
            // Nothing is opened: the policy denies (reason missing, or a role that may not break the glass) and logs it.
            return (new BreakGlassSession(reason, now), false);
        }

        await ledger.AppendAsync(log, caller.UserKey, AccessEvents.BreakGlassOpened(AccessEvents.HashReason(reason), now, caller.OrganizationId), cancellationToken)
            .ConfigureAwait(false);
        return (new BreakGlassSession(AccessEvents.HashReason(reason).ToHex(), now), true);
    }
}
