using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.Policy;

namespace MedLedger.Access.Tests.Policy.Reference;

/// <summary>
/// A seeded generator of policy questions: a caller (any mix of roles, organization and patient id, consistent or
/// not), a patient, a record, an action, a purpose, a break-glass session, up to six consents with revocations,
/// and a request instant drawn mostly from the boundaries of all of those (±1 tick, ±1 ms, ±1 s), where bugs live.
/// </summary>
internal sealed class PolicyScenarios(int seed)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
    private static readonly string[] Organizations = ["clinic-a", "clinic-b", "clinic-c", "insurer-x", "insurer-y"];
    private static readonly string[] UserKeys = ["u-1", "u-2", "u-3", "dr-ada", "ins-1"];
    private static readonly string[] Patients = ["p-1", "p-2"];

    // Callers who may ask for content at all are the interesting ones; auditors and admins still appear.
    private static readonly Role[] WeightedRoles =
        [Role.Clinician, Role.Clinician, Role.Clinician, Role.Clinician, Role.Insurer, Role.Insurer, Role.Insurer, Role.Patient, Role.Patient, Role.Auditor, Role.Admin];

    // Ordinal order differs from numeric order ("c-10" < "c-2"), so tie-breaking is exercised.
    private static readonly string[] ConsentIds = ["c-1", "c-2", "c-10", "c-11", "C-3", "c-20"];
    private static readonly string[] Reasons = ["", "   ", "\t", "cardiac arrest", "unconscious, no consent on file", "stroke"];

    private static readonly TimeSpan[] Nudges =
        [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1)];

    private readonly Random _random = new(seed);

    public (AccessRequest Request, ConsentState State) Next()
    {
        var caller = NextCaller();
        var patient = Pick(Patients);
        var submitter = caller.OrganizationId is { } own && _random.Next(3) == 0 ? own : Pick(Organizations);
        var record = new RecordAttributes(submitter, Pick(ConsentCodes.Categories));
        var action = Pick(ConsentCodes.Actions);
        var purpose = NextPurpose(caller);
        var grants = new List<ConsentGrant>();
        var revocations = new List<ConsentRevocation>();
        foreach (var id in ConsentIds.OrderBy(_ => _random.Next()).Take(_random.Next(0, ConsentIds.Length + 1)))
        {
            var grant = NextGrant(id, patient, caller, action, purpose, record.Category);
            grants.Add(grant);
            for (var r = 0; r < 2 && _random.NextDouble() < 0.35; r++)
            {
                revocations.Add(new ConsentRevocation(id, patient, grant.RecordedAt + (Step * _random.Next(0, 10)), "pat-1"));
            }
        }

        var boundaries = grants.SelectMany(g => new[] { g.RecordedAt, g.Terms.Period.Start, g.Terms.Period.End })
            .Concat(revocations.Select(r => r.RecordedAt))
            .ToList();
        var time = NextTime(boundaries);
        var session = NextSession(time);
        return (new AccessRequest(caller, patient, record, action, purpose, time, session), new ConsentState(patient, grants, revocations));
    }

    private Caller NextCaller()
    {
        var roles = _random.NextDouble() switch
        {
            < 0.05 => [],
            < 0.80 => [Pick(WeightedRoles)],
            _ => RoleNames.All.Where(_ => _random.Next(3) == 0).ToList(),
        };
        var organization = _random.Next(5) == 0 ? null : Pick(Organizations);
        var patient = _random.Next(2) == 0 ? null : Pick(Patients);
        return new Caller(Pick(UserKeys), roles, organization, patient);
    }

    // Mostly a purpose one of the caller's roles may state, so the later rules are reached often.
    private PurposeOfUse NextPurpose(Caller caller)
    {
        var allowed = caller.Roles.SelectMany(RolePurposes.For).Distinct().ToList();
        return allowed.Count > 0 && _random.Next(5) > 0 ? Pick(allowed) : Pick(ConsentCodes.Purposes);
    }

    // Mostly consents that could apply to the request (grantee, action, purpose, category), so every near miss occurs.
    private ConsentGrant NextGrant(string id, string patient, Caller caller, ConsentAction action, PurposeOfUse purpose, RecordCategory category)
    {
        var relevant = _random.Next(4) > 0;
        var grantee = relevant && _random.Next(2) == 0 && caller.OrganizationId is not null
            ? Grantee.Organization(caller.OrganizationId)
            : relevant && _random.Next(2) == 0
                ? Grantee.User(caller.UserKey)
                : _random.Next(2) == 0 ? Grantee.Organization(Pick(Organizations)) : Grantee.User(Pick(UserKeys));
        var actions = ConsentCodes.Actions.Where(_ => _random.Next(2) == 0).ToList();
        var purposes = ConsentCodes.GrantablePurposes.Where(_ => _random.Next(3) == 0).ToList();
        var categories = ConsentCodes.Categories.Where(_ => _random.Next(4) == 0).ToList();
        if (relevant)
        {
            actions.Add(action);
            if (purpose.IsGrantable())
            {
                purposes.Add(purpose);
            }

            if (_random.Next(2) == 0)
            {
                categories.Add(category);
            }
        }

        if (actions.Count == 0)
        {
            actions.Add(Pick(ConsentCodes.Actions));
        }

        if (purposes.Count == 0)
        {
            purposes.Add(Pick(ConsentCodes.GrantablePurposes));
        }

        var nonSensitive = _random.Next(2) == 0 || categories.Count == 0;
        var start = T0 + (Step * _random.Next(-8, 9));
        var period = new ConsentPeriod(start, start + (Step * _random.Next(1, 9)));
        var recordedAt = T0 + (Step * _random.Next(-10, 7)) + TimeSpan.FromMilliseconds(_random.Next(0, 2) * 500);
        var terms = ConsentTerms.Create(grantee, actions, purposes, categories, nonSensitive, period);
        return new ConsentGrant(id, patient, terms, recordedAt, "pat-1");
    }

    private DateTimeOffset NextTime(List<DateTimeOffset> boundaries)
    {
        var roll = _random.NextDouble();
        var anchor = roll < 0.6 && boundaries.Count > 0
            ? Pick(boundaries)
            : T0 + (Step * _random.Next(-12, 20));
        return anchor + Pick(Nudges);
    }

    private BreakGlassSession? NextSession(DateTimeOffset time)
    {
        if (_random.Next(4) == 0)
        {
            return null;
        }

        TimeSpan[] ages =
        [
            TimeSpan.FromMinutes(-30), TimeSpan.FromSeconds(-1), TimeSpan.FromTicks(-1), TimeSpan.Zero, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60) - TimeSpan.FromTicks(1),
            TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60) + TimeSpan.FromTicks(1), TimeSpan.FromHours(2),
        ];
        return new BreakGlassSession(Pick(Reasons), time - Pick(ages));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
