using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.Policy;

namespace MedLedger.Access.Tests.Policy.Reference;

/// <summary>
/// The access policy restated independently of src/Access/Policy, as decision tables: ordered rows of "when these
/// facts hold, this is the answer", over plain strings. It shares no code with the implementation: its own code
/// tables, its own coverage and revocation arithmetic, its own tie-breaking. Written from docs/authorization.md.
/// </summary>
internal static class PolicyReferenceModel
{
    private static readonly Dictionary<Role, string> RoleCodes = new()
    {
        [Role.Clinician] = "clinician", [Role.Patient] = "patient", [Role.Insurer] = "insurer", [Role.Auditor] = "auditor", [Role.Admin] = "admin",
    };

    private static readonly Dictionary<PurposeOfUse, string> PurposeCodes = new()
    {
        [PurposeOfUse.Treatment] = "TREAT", [PurposeOfUse.EmergencyTreatment] = "ETREAT", [PurposeOfUse.Payment] = "HPAYMT",
        [PurposeOfUse.Operations] = "HOPERAT", [PurposeOfUse.Research] = "HRESCH", [PurposeOfUse.PatientRequest] = "PATRQT",
    };

    private static readonly Dictionary<RecordCategory, string> CategoryCodes = new()
    {
        [RecordCategory.General] = "general", [RecordCategory.Oncology] = "oncology", [RecordCategory.MentalHealth] = "mental-health",
        [RecordCategory.SubstanceUse] = "substance-use", [RecordCategory.Genetic] = "genetic",
    };

    private static readonly Dictionary<ConsentAction, string> ActionCodes = new()
    {
        [ConsentAction.Access] = "access", [ConsentAction.Disclose] = "disclose",
    };

    // Which purpose each role may state, one row per permitted pair; anything absent is forbidden.
    private static readonly (string Role, string Purpose)[] RolePurposeRows =
    [
        ("clinician", "TREAT"), ("clinician", "ETREAT"), ("clinician", "HOPERAT"), ("clinician", "HRESCH"),
        ("patient", "PATRQT"),
        ("insurer", "HPAYMT"),
    ];

    private static readonly string[] NonSensitiveCategories = ["general", "oncology"];

    // When several consents miss, the first reason in this list explains the denial.
    private static readonly string[] MissPriority = ["consent-revoked", "consent-expired", "consent-not-yet-active", "sensitive-category-not-named"];

    private static readonly Row[] RequestTable =
    [
        new(f => f.Roles.Count == 0, _ => Deny("role-required", "no-role")),
        new(f => !f.Roles.Any(r => RolePurposeRows.Contains((r, f.Purpose))), _ => Deny("role-purpose", "purpose-not-permitted-for-role")),
        new(f => f.Purpose == "PATRQT" && f.Action == "access" && f.Roles.Contains("patient") && f.CallerIsTheRecordsPatient, _ => Permit("patient-self", "patient-self-access")),
        new(f => f.Purpose == "PATRQT", _ => Deny("patient-self", "not-own-record")),
        new(f => f.Purpose == "ETREAT" && f.Action != "access", _ => BreakGlass("deny", "break-glass-action-not-permitted")),
        new(f => f.Purpose == "ETREAT" && !f.SessionPresent, _ => BreakGlass("deny", "break-glass-session-missing")),
        new(f => f.Purpose == "ETREAT" && !f.ReasonGiven, _ => BreakGlass("deny", "break-glass-reason-missing")),
        new(f => f.Purpose == "ETREAT" && f.BeforeSession, _ => BreakGlass("deny", "break-glass-not-started")),
        new(f => f.Purpose == "ETREAT" && f.SessionHourOver, _ => BreakGlass("deny", "break-glass-expired")),
        new(f => f.Purpose == "ETREAT", _ => BreakGlass("permit", "break-glass-access")),
        new(f => f.Purpose == "TREAT" && f.Action == "access" && f.Roles.Contains("clinician") && f.CallerWorksForSubmitter, _ => Permit("submitting-organization", "submitting-organization-treatment")),
        new(_ => true, f => ByConsents(f.Consents)),
    ];

    // Classifies one consent against the request; null means "says nothing about this request".
    private static readonly GrantRow[] GrantTable =
    [
        new(g => !(g.Recorded && g.GranteeIsCaller && g.ActionGranted && g.PurposeGranted), null),
        new(g => !g.CategoryCovered && g.CategorySensitive, "sensitive-category-not-named"),
        new(g => !g.CategoryCovered, null),
        new(g => g.RevokedByNow, "consent-revoked"),
        new(g => g.BeforeStart, "consent-not-yet-active"),
        new(g => g.AtOrAfterEnd, "consent-expired"),
        new(_ => true, "consent-granted"),
    ];

    /// <summary>Decides with the tables.</summary>
    public static Verdict Decide(AccessRequest request, ConsentState state)
    {
        var facts = Facts.Of(request, state);
        return RequestTable.First(row => row.When(facts)).Then(facts);
    }

    /// <summary>Maps the implementation's decision to the model's vocabulary (with the model's own code tables).</summary>
    public static Verdict Describe(AccessDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var rule = decision.Rule switch
        {
            PolicyRule.RoleRequired => "role-required",
            PolicyRule.RolePurpose => "role-purpose",
            PolicyRule.PatientSelf => "patient-self",
            PolicyRule.BreakGlass => "break-glass",
            PolicyRule.SubmittingOrganization => "submitting-organization",
            PolicyRule.Consent => "consent",
            PolicyRule.DefaultDeny => "default-deny",
            _ => "?",
        };
        return new Verdict(decision.IsPermit ? "permit" : "deny", rule, decision.ConsentId, decision.Reason.ToCode(), decision.BreakGlass);
    }

    private static Verdict ByConsents(IReadOnlyList<(string ConsentId, string? Class)> consents)
    {
        var granted = consents.Where(c => c.Class == "consent-granted").Select(c => c.ConsentId).ToList();
        if (granted.Count > 0)
        {
            return new Verdict("permit", "consent", granted.Min(StringComparer.Ordinal), "consent-granted", false);
        }

        foreach (var reason in MissPriority)
        {
            var misses = consents.Where(c => c.Class == reason).Select(c => c.ConsentId).ToList();
            if (misses.Count > 0)
            {
                return new Verdict("deny", "consent", misses.Min(StringComparer.Ordinal), reason, false);
            }
        }

        return Deny("default-deny", "no-matching-consent");
    }

    private static Verdict Permit(string rule, string reason) => new("permit", rule, null, reason, false);

    private static Verdict Deny(string rule, string reason) => new("deny", rule, null, reason, false);

    private static Verdict BreakGlass(string outcome, string reason) => new(outcome, "break-glass", null, reason, true);

    /// <summary>An answer in plain strings.</summary>
    internal sealed record Verdict(string Outcome, string Rule, string? ConsentId, string Reason, bool BreakGlass);

    private sealed record Row(Func<Facts, bool> When, Func<Facts, Verdict> Then);

    private sealed record GrantRow(Func<GrantFacts, bool> When, string? Class);

    private sealed record Facts(
        IReadOnlyList<string> Roles,
        string Purpose,
        string Action,
        bool CallerIsTheRecordsPatient,
        bool CallerWorksForSubmitter,
        bool SessionPresent,
        bool ReasonGiven,
        bool BeforeSession,
        bool SessionHourOver,
        IReadOnlyList<(string ConsentId, string? Class)> Consents)
    {
        public static Facts Of(AccessRequest request, ConsentState state)
        {
            var caller = request.Caller;
            var session = request.BreakGlass;
            var t = request.Time;
            return new Facts(
                [.. caller.Roles.Select(r => RoleCodes[r])],
                PurposeCodes[request.Purpose],
                ActionCodes[request.Action],
                caller.PatientId is { } own && own == request.PatientId,
                caller.OrganizationId is { } organization && organization == request.Record.SubmittingOrganizationId,
                session is not null,
                session is not null && session.Reason.Trim().Length > 0,
                session is not null && t < session.StartedAt,
                session is not null && t - session.StartedAt >= TimeSpan.FromMinutes(60),
                [.. state.Grants.Select(g => (g.ConsentId, GrantTable.First(row => row.When(GrantFacts.Of(g, request, state))).Class))]);
        }
    }

    private sealed record GrantFacts(
        bool Recorded,
        bool GranteeIsCaller,
        bool ActionGranted,
        bool PurposeGranted,
        bool CategoryCovered,
        bool CategorySensitive,
        bool RevokedByNow,
        bool BeforeStart,
        bool AtOrAfterEnd)
    {
        public static GrantFacts Of(ConsentGrant grant, AccessRequest request, ConsentState state)
        {
            var terms = grant.Terms;
            var t = request.Time;
            var category = CategoryCodes[request.Record.Category];
            var covered = terms.Categories.Select(c => CategoryCodes[c]).Concat(terms.IncludesAllNonSensitive ? NonSensitiveCategories : []);
            var granteeIsCaller = terms.Grantee.Kind == GranteeKind.User
                ? terms.Grantee.Id == request.Caller.UserKey
                : terms.Grantee.Id == request.Caller.OrganizationId;
            return new GrantFacts(
                grant.RecordedAt <= t,
                granteeIsCaller,
                terms.Actions.Any(a => ActionCodes[a] == ActionCodes[request.Action]),
                terms.Purposes.Any(p => PurposeCodes[p] == PurposeCodes[request.Purpose]),
                covered.Contains(category),
                !NonSensitiveCategories.Contains(category),
                state.Revocations.Any(r => r.ConsentId == grant.ConsentId && r.RecordedAt <= t),
                t < terms.Period.Start,
                t >= terms.Period.End);
        }
    }
}
