using System.Net;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Merkle;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.LedgerLogs;

/// <summary>The ledger endpoints, driven step by step (no local host): event status, checkpoints, the key and consistency proofs.</summary>
public sealed class LedgerEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;
    private LedgerAppFactory _app = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = new LedgerAppFactory(azurite, new LedgerAppOptions { LocalHost = false });
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Event_GoesFromPendingToAppendedToReceipted()
    {
        var (_, eventId, _) = await SubmitAsync();

        var pending = await LedgerApi.GetEventAsync(_client, eventId);
        Assert.Equal(("pending", (long?)null, LedgerApi.Origin), (pending.Status, pending.Index, pending.Log));
        Assert.Null(pending.Receipt);

        await _app.DeliverQueuedAsync();
        var appended = await LedgerApi.GetEventAsync(_client, eventId);
        Assert.Equal(("appended", (long?)0), (appended.Status, appended.Index));
        Assert.Null(appended.Receipt);

        Assert.True(Assert.Single(await _app.CheckpointAsync()).Signed);
        var receipted = await LedgerApi.GetEventAsync(_client, eventId);
        var result = LedgerApi.Verify(receipted.Receipt!, await LedgerApi.PublicKeyAsync(_client));
        Assert.Equal(0, result.Entry!.Sequence);
    }

    [Theory]
    [InlineData("e0-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("e9-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("evt-1")]
    public async Task Event_NotIssuedByThisService_Is404(string eventId)
    {
        var response = await _client.GetAsync($"/api/ledger/events/{eventId}", _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task Event_IdWithOneCharacterChanged_Is404()
    {
        var (_, eventId, _) = await SubmitAsync();
        var changed = eventId[..^1] + (eventId[^1] == 'A' ? 'B' : 'A');

        var response = await _client.GetAsync($"/api/ledger/events/{changed}", _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.EventNotFound);
    }

    [Fact]
    public async Task Checkpoint_NoneYet_Is404_ThenTheSignedNoteVerifies()
    {
        await ProblemAssert.IsProblemAsync(await _client.GetAsync("/api/ledger/checkpoint", _cancellation), HttpStatusCode.NotFound, ErrorCodes.CheckpointNotFound);
        Assert.False(Assert.Single(await _app.CheckpointAsync()).Signed);
        await SubmitAsync();
        await _app.DeliverQueuedAsync();
        await _app.CheckpointAsync();

        var response = await _client.GetAsync("/api/ledger/checkpoint", _cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var verified = CheckpointVerifier.Verify(await response.Content.ReadAsStringAsync(_cancellation), [await LedgerApi.PublicKeyAsync(_client)], LedgerApi.Origin);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(1, verified.Checkpoint!.TreeSize);
    }

    [Fact]
    public async Task Checkpointer_SignsOnlyWhenTheLogGrew_AndArchivesEachCheckpointOnce()
    {
        await SubmitAsync();
        await _app.DeliverQueuedAsync();

        var first = Assert.Single(await _app.CheckpointAsync());
        var again = Assert.Single(await _app.CheckpointAsync());

        Assert.Equal((LedgerApi.Origin, 1L, true), (first.LogName, first.TreeSize, first.Signed));
        Assert.Equal((LedgerApi.Origin, 1L, false), (again.LogName, again.TreeSize, again.Signed));
        var archived = await _app.Direct.GetBlobContainerClient(_app.Names.CheckpointsContainer)
            .DownloadAsync($"{LedgerApi.Origin}/00000000000000000001", _cancellation);
        Assert.Equal(await _client.GetStringAsync("/api/ledger/checkpoint", _cancellation), archived.Content.ToString());
        Assert.StartsWith("text/plain", archived.Properties.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_UnknownLog_Is404()
    {
        var response = await _client.GetAsync("/api/ledger/checkpoint?log=elsewhere/ledger", _cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ErrorCodes.LogNotFound);
    }

    [Fact]
    public async Task PublicKey_IsTheKeyThatSignsCheckpoints()
    {
        var response = await _client.GetAsync("/api/ledger/public-key", _cancellation);

        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        var pem = await response.Content.ReadAsStringAsync(_cancellation);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.EndsWith("-----END PUBLIC KEY-----\n", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", pem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsistencyProof_BetweenTwoSignedCheckpoints_Verifies()
    {
        var key = await LedgerApi.PublicKeyAsync(_client);
        await _app.AddPatientsAsync(new[] { 3, 4 }.SelectMany((size, round) => Enumerable.Range(0, size).Select(i => $"patient-{round}-{i}")));
        var checkpoints = new List<Checkpoint>();
        foreach (var batch in new[] { 3, 4 })
        {
            for (var i = 0; i < batch; i++)
            {
                await SubmitAsync(RecordRequests.JsonBody(patientId: $"patient-{checkpoints.Count}-{i}"));
            }

            await _app.DeliverQueuedAsync();
            await _app.CheckpointAsync();
            var note = await _client.GetStringAsync("/api/ledger/checkpoint", _cancellation);
            checkpoints.Add(CheckpointVerifier.Verify(note, [key], LedgerApi.Origin).Checkpoint!);
        }

        var (older, newer) = (checkpoints[0], checkpoints[1]);
        var body = await _client.GetByteArrayAsync($"/api/ledger/proofs/consistency?from={older.TreeSize}&to={newer.TreeSize}", _cancellation);

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
        await _app.DeliverQueuedAsync();

        var response = await _client.GetAsync($"/api/ledger/proofs/consistency?{query}", _cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    private async Task<(string RecordId, string EventId, string? Location)> SubmitAsync(string? body = null) =>
        await RecordRequests.AcceptedAsync(await _client.SendAsync(RecordRequests.Post(body ?? RecordRequests.JsonBody()), _cancellation));
}
