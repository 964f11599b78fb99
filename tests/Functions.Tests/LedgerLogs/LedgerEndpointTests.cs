using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Merkle;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.LedgerLogs;

/// <summary>The ledger endpoints, driven step by step (no local host): event status, checkpoints, the key and consistency proofs.</summary>
public sealed class LedgerEndpointTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    [Fact]
    public async Task Event_GoesFromPendingToAppendedToReceipted()
    {
        var (_, eventId, _) = await SubmitAsync();

        var pending = await LedgerApi.GetEventAsync(Client, eventId);
        Assert.Equal(("pending", (long?)null, LedgerApi.Origin), (pending.Status, pending.Index, pending.Log));
        Assert.Null(pending.Receipt);

        await App.DeliverQueuedAsync();
        var appended = await LedgerApi.GetEventAsync(Client, eventId);
        Assert.Equal(("appended", (long?)0), (appended.Status, appended.Index));
        Assert.Null(appended.Receipt);

        Assert.True(Assert.Single(await App.CheckpointAsync()).Signed);
        var receipted = await LedgerApi.GetEventAsync(Client, eventId);
        var result = LedgerApi.Verify(receipted.Receipt!, await LedgerApi.PublicKeyAsync(Client));
        Assert.Equal(0, result.Entry!.Sequence);
    }

    [Theory]
    [InlineData("e0-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("e9-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("evt-1")]
    public async Task Event_NotIssuedByThisService_Is404(string eventId)
    {
        var response = await Client.GetAsync($"/api/ledger/events/{eventId}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task Event_IdWithOneCharacterChanged_Is404()
    {
        var (_, eventId, _) = await SubmitAsync();
        var changed = eventId[..^1] + (eventId[^1] == 'A' ? 'B' : 'A');

        var response = await Client.GetAsync($"/api/ledger/events/{changed}", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task Checkpoint_NoneYet_Is404_ThenTheSignedNoteVerifies()
    {
        await ProblemAssert.IsProblemAsync(await Client.GetAsync("/api/ledger/checkpoint", Cancellation), HttpStatusCode.NotFound, ErrorCodes.CheckpointNotFound);
        Assert.False(Assert.Single(await App.CheckpointAsync()).Signed);
        await SubmitAsync();
        await App.DeliverQueuedAsync();
        await App.CheckpointAsync();

        var response = await Client.GetAsync("/api/ledger/checkpoint", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var verified = CheckpointVerifier.Verify(await response.Content.ReadAsStringAsync(Cancellation), [await LedgerApi.PublicKeyAsync(Client)], LedgerApi.Origin);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(1, verified.Checkpoint!.TreeSize);
    }

    [Fact]
    public async Task Checkpointer_SignsOnlyWhenTheLogGrew_AndArchivesEachCheckpointOnce()
    {
        await SubmitAsync();
        await App.DeliverQueuedAsync();

        var first = Assert.Single(await App.CheckpointAsync());
        var again = Assert.Single(await App.CheckpointAsync());

        Assert.Equal((LedgerApi.Origin, 1L, true), (first.LogName, first.TreeSize, first.Signed));
        Assert.Equal((LedgerApi.Origin, 1L, false), (again.LogName, again.TreeSize, again.Signed));
        var archived = await App.Direct.GetBlobContainerClient(App.Names.CheckpointsContainer)
            .DownloadAsync($"{LedgerApi.Origin}/00000000000000000001", Cancellation);
        Assert.Equal(await Client.GetStringAsync("/api/ledger/checkpoint", Cancellation), archived.Content.ToString());
        Assert.StartsWith("text/plain", archived.Properties.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_UnknownLog_Is404()
    {
        var response = await Client.GetAsync("/api/ledger/checkpoint?log=elsewhere/ledger", Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.LogNotFound);
    }

    [Fact]
    public async Task PublicKey_IsTheKeyThatSignsCheckpoints()
    {
        var response = await Client.GetAsync("/api/ledger/public-key", Cancellation);

        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        var pem = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", pem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsistencyProof_BetweenTwoSignedCheckpoints_Verifies()
    {
        var key = await LedgerApi.PublicKeyAsync(Client);
        await App.AddPatientsAsync(new[] { 3, 4 }.SelectMany((size, round) => Enumerable.Range(0, size).Select(i => $"patient-{round}-{i}")));
        var checkpoints = new List<Checkpoint>();
        foreach (var batch in new[] { 3, 4 })
        {
            for (var i = 0; i < batch; i++)
            {
                await SubmitAsync(RecordRequests.JsonBody(patientId: $"patient-{checkpoints.Count}-{i}"));
            }

            await App.DeliverQueuedAsync();
            await App.CheckpointAsync();
            var note = await Client.GetStringAsync("/api/ledger/checkpoint", Cancellation);
            checkpoints.Add(CheckpointVerifier.Verify(note, [key], LedgerApi.Origin).Checkpoint!);
        }

        var (older, newer) = (checkpoints[0], checkpoints[1]);
        var body = await Client.GetByteArrayAsync($"/api/ledger/proofs/consistency?from={older.TreeSize}&to={newer.TreeSize}", Cancellation);

        Assert.Equal((3L, 7L), (older.TreeSize, newer.TreeSize));
        // The body is the canonical exchange format (what medledger checkpoint verify --proof reads).
        Assert.True(ConsistencyProof.TryParse(body, out var proof, out var error), error);
        Assert.Equal((3L, 7L), (proof.FromSize, proof.ToSize));
        Assert.NotEmpty(proof.Hashes);
        Assert.True(MerkleProofs.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, proof.Hashes));
    }

    [Theory]
    [InlineData("from=1", "to")]
    [InlineData("to=1", "from")]
    [InlineData("from=0&to=1", "from")]
    [InlineData("from=2&to=1", "from")]
    [InlineData("from=1&to=2", "to")]
    [InlineData("from=-1&to=1", "from")]
    [InlineData("from=01&to=1", "from")]
    [InlineData("from=1&from=1&to=1", "from")]
    [InlineData("from=1&to=99999999999999999999", "to")]
    [InlineData("from=%201&to=1", "from")]
    public async Task ConsistencyProof_InvalidRange_Is400NamingTheParameter(string query, string parameter)
    {
        await SubmitAsync();
        await App.DeliverQueuedAsync();

        var response = await Client.GetAsync($"/api/ledger/proofs/consistency?{query}", Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    private async Task<(string RecordId, string EventId, string? Location)> SubmitAsync(string? body = null) =>
        await RecordRequests.AcceptedAsync(await Client.SendAsync(RecordRequests.Post(body ?? RecordRequests.JsonBody()), Cancellation));
}
