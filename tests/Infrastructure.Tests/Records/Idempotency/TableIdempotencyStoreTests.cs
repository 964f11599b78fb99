using MedLedger.Clients.Tables;
using MedLedger.Infrastructure.Records.Idempotency;
using MedLedger.Testing.Azurite;

namespace MedLedger.Infrastructure.Tests.Records.Idempotency;

/// <summary>Idempotency keys in a table (Azurite): one winner per key, repeats see the winner, other requests are refused.</summary>
public sealed class TableIdempotencyStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_NewKey_IsClaimed()
    {
        var store = await CreateStoreAsync();
        var proposed = Record("k1", "f1", "r1", "e1");

        var claim = await store.ClaimAsync(proposed, Token);

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimStatus.Claimed, proposed), claim);
    }

    [Fact]
    public async Task Claim_SameKeySameRequest_IsRepeatedWithTheFirstIds()
    {
        var store = await CreateStoreAsync();
        await store.ClaimAsync(Record("k1", "f1", "r1", "e1"), Token);

        var claim = await store.ClaimAsync(Record("k1", "f1", "r2", "e2"), Token);

        Assert.Equal(new IdempotencyClaim(IdempotencyClaimStatus.Repeated, Record("k1", "f1", "r1", "e1")), claim);
    }

    [Fact]
    public async Task Claim_SameKeyOtherRequest_IsMismatch()
    {
        var store = await CreateStoreAsync();
        await store.ClaimAsync(Record("k1", "f1", "r1", "e1"), Token);

        var claim = await store.ClaimAsync(Record("k1", "f2", "r2", "e2"), Token);

        Assert.Equal(IdempotencyClaimStatus.Mismatch, claim.Status);
    }

    [Fact]
    public async Task MarkCompleted_RepeatsSeeItCompleted()
    {
        var store = await CreateStoreAsync();
        var first = (await store.ClaimAsync(Record("k1", "f1", "r1", "e1"), Token)).Record;

        await store.MarkCompletedAsync(first, Token);
        var repeat = await store.ClaimAsync(Record("k1", "f1", "r9", "e9"), Token);

        Assert.Equal(first with { Completed = true }, repeat.Record);
    }

    [Fact]
    public async Task Claim_Concurrent_ExactlyOneWinner()
    {
        var store = await CreateStoreAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => store.ClaimAsync(Record("k1", "f1", $"r{i}", $"e{i}"), Token)));

        var winner = Assert.Single(claims, c => c.Status == IdempotencyClaimStatus.Claimed);
        Assert.All(claims, c => Assert.Equal(winner.Record.RecordId, c.Record.RecordId));
    }

    [Theory]
    [InlineData("has space", "f")]
    [InlineData("k", "slash/")]
    [InlineData("", "f")]
    public async Task Claim_KeyOrFingerprintOutOfForm_Throws(string key, string fingerprint)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimAsync(Record(key, fingerprint, "r", "e"), Token));
    }

    [Fact]
    public async Task Claim_StoredRowOfAnotherLayout_ThrowsInvalidData()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table("idem"));
        await table.CreateIfNotExistsAsync(Token);
        await table.AddEntityAsync(new TableEntity("k1", TableIdempotencyStore.RowKey) { ["Version"] = 2, ["RequestFingerprint"] = "f1" }, Token);

        await Assert.ThrowsAsync<InvalidDataException>(() => new TableIdempotencyStore(table).ClaimAsync(Record("k1", "f1", "r", "e"), Token));
    }

    private static IdempotencyRecord Record(string key, string fingerprint, string recordId, string eventId) =>
        new(key, fingerprint, recordId, eventId, Completed: false);

    private async Task<TableIdempotencyStore> CreateStoreAsync()
    {
        var table = azurite.CreateAccount().GetTableClient(UniqueNames.Table("idem"));
        await table.CreateIfNotExistsAsync(Token);
        return new TableIdempotencyStore(table);
    }
}
