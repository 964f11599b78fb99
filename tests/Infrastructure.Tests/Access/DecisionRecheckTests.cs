using MedLedger.Access.Consent;
using MedLedger.Access.Identity;
using MedLedger.Access.LedgerEvents;
using MedLedger.Access.Policy;
using MedLedger.Infrastructure.Access;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Time;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>"Was this access allowed at that time?": every logged decision, re-decided from the log alone, comes out the same.</summary>
public sealed class DecisionRecheckTests
{
    private static readonly Dictionary<string, Caller> Callers = new()
    {
        ["dr-ada"] = new("dr-ada", [Role.Clinician], "clinic-a"),
        ["dr-bo"] = new("dr-bo", [Role.Clinician], "clinic-b"),
        ["pat-1"] = new("pat-1", [Role.Patient], patientId: "p-1"),
        ["ins-1"] = new("ins-1", [Role.Insurer], "insurer-x"),
        ["aud-1"] = new("aud-1", [Role.Auditor]),
    };

    private static readonly Dictionary<string, RecordAttributes> Records = new()
    {
        ["r-g"] = new("clinic-a", RecordCategory.General),
        ["r-m"] = new("clinic-a", RecordCategory.MentalHealth),
        ["r-o"] = new("clinic-b", RecordCategory.Oncology),
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryLoggedDecision_RedecidedFromTheLogAlone_IsTheSame()
    {
        var store = new InMemoryLogStore("medledger.test/recheck");
        var time = new FakeTimeProvider(PatientLogWriter.Start);
        var log = new PatientLogWriter(store, time);
        var cache = new SubjectHistoryCache();
        var random = new Random(5);
        var granted = new List<(string Id, ConsentTerms Terms)>();
        var decisions = 0;
        var outcomes = new HashSet<DecisionReason>();
        for (var step = 0; step < 600; step++)
        {
            time.Advance(TimeSpan.FromMinutes(random.Next(0, 600)));
            switch (random.Next(10))
            {
                case 0 or 1:
                    var terms = RandomTerms(random, time.GetUtcNow());
                    await log.GrantAsync($"c-{step}", terms);
                    granted.Add(($"c-{step}", terms));
                    break;
                case 2 when granted.Count > 0:
                    var (id, revoked) = granted[random.Next(granted.Count)];
                    await log.RevokeAsync(id, revoked);
                    granted.RemoveAll(g => g.Id == id);
                    break;
                case 3:
                    await log.BreakGlassAsync(random.Next(2) == 0 ? "dr-bo" : "dr-ada", "emergency");
                    break;
                default:
                    var caller = Callers.Values.ElementAt(random.Next(Callers.Count));
                    var recordId = Records.Keys.ElementAt(random.Next(Records.Count));
                    var (decision, _) = await log.DecideAsync(
                        cache, caller, recordId, Records[recordId], ConsentAction.Access, ConsentCodes.Purposes[random.Next(ConsentCodes.Purposes.Count)]);
                    outcomes.Add(decision.Reason!.Value);
                    decisions++;
                    break;
            }
        }

        var rechecked = 0;
        await foreach (var entry in SubjectEntries.ReadAsync(store, log.Subject, 0, Token))
        {
            if (entry.Type is not (AccessEventTypes.RecordRead or AccessEventTypes.AccessDenied))
            {
                continue;
            }

            var logged = AccessEventReader.ReadDecision(entry)!;
            var consents = await ConsentStateReader.ReadAsync(store, log.PatientId, log.Subject, beforeIndex: logged.StateIndex, cancellationToken: Token);
            var session = await SessionBeforeAsync(store, log.Subject, entry.Actor, logged.StateIndex!.Value);
            var request = new AccessRequest(
                Callers[entry.Actor], log.PatientId, Records[logged.RecordId!], ConsentAction.Access, logged.Purpose!.Value, logged.DecidedAt, session);
            var again = AccessPolicy.Decide(request, consents.State);
            Assert.Equal((logged.Outcome, logged.DecidedBy, logged.Reason), (again.Outcome, again.DecidedBy, again.Reason));
            rechecked++;
        }

        Assert.Equal(decisions, rechecked);
        Assert.True(outcomes.Count >= 10, $"only {outcomes.Count} reasons reached: {string.Join(", ", outcomes)}");
    }

    // The session a decision could use: the actor's newest one among the entries the decision's state was read from.
    private static async Task<BreakGlassSession?> SessionBeforeAsync(ILogStore store, string subject, string actor, long stateIndex)
    {
        BreakGlassSession? session = null;
        await foreach (var entry in SubjectEntries.ReadAsync(store, subject, 0, Token))
        {
            if (entry.Sequence >= stateIndex)
            {
                break;
            }

            if (entry.Type == AccessEventTypes.BreakGlassOpened && entry.Actor == actor)
            {
                var (_, startedAt, reason) = AccessEventReader.ReadBreakGlass(entry);
                session = new BreakGlassSession(reason.ToHex(), startedAt);
            }
        }

        return session;
    }

    private static ConsentTerms RandomTerms(Random random, DateTimeOffset now)
    {
        string[] grantees = ["clinic-a", "clinic-b", "insurer-x", "dr-bo"];
        var grantee = grantees[random.Next(grantees.Length)];
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(random.Next(-48, 24));
        return ConsentTerms.Create(
            grantee == "dr-bo" ? Grantee.User(grantee) : Grantee.Organization(grantee),
            random.Next(3) == 0 ? [ConsentAction.Access, ConsentAction.Disclose] : [random.Next(2) == 0 ? ConsentAction.Access : ConsentAction.Disclose],
            [ConsentCodes.GrantablePurposes[random.Next(ConsentCodes.GrantablePurposes.Count)]],
            random.Next(3) == 0 ? [RecordCategory.MentalHealth] : [],
            includesAllNonSensitive: true,
            new ConsentPeriod(start, start.AddHours(random.Next(1, 96))));
    }
}
