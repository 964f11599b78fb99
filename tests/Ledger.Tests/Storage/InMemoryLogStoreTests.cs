using MedLedger.Ledger.Storage;
using MedLedger.Testing.Ledger;

namespace MedLedger.Ledger.Tests.Storage;

/// <summary>The store contract, run against the in-memory store with no operation budget.</summary>
public sealed class InMemoryLogStoreTests : LogStoreContractTests
{
    protected override Task<ILogStore> CreateStoreAsync(string logName) => Task.FromResult<ILogStore>(new InMemoryLogStore(logName));

    [Fact]
    public void Constructor_InvalidLogName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryLogStore("has space"));
        Assert.Throws<ArgumentException>(() => new InMemoryLogStore(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryLogStore("log", maxAppendOperations: 3));
    }

    [Fact]
    public async Task AppendAsync_MalformedBatch_ThrowsAndWritesNothing()
    {
        var store = new InMemoryLogStore("log");
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1), TestDrafts.Create(2)]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(batch with { Entries = [] }, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(batch with { Entries = [batch.Entries[1], batch.Entries[0]] }, Token));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(batch with { NewHead = batch.NewHead with { Size = 3 } }, Token));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task ReadEntriesAsync_InvalidRange_Throws()
    {
        var store = new InMemoryLogStore("log");

        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadEntriesAsync(-1, 3, Token));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.ReadEntriesAsync(5, 4, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadIndexAsync(new LogIndexKey(LogIndexKind.Subject, "x"), 0, 0, Token));
    }

    [Fact]
    public async Task AppendAsync_CallerReusesItsBuffer_StoredBytesUnchanged()
    {
        var store = new InMemoryLogStore("log");
        var batch = await BuildBatchAsync(store, [TestDrafts.Create(1)]);
        var buffer = batch.Entries[0].Bytes.ToArray();
        var original = buffer.ToArray();
        await store.AppendAsync(batch with { Entries = [batch.Entries[0] with { Bytes = buffer }] }, Token);

        Array.Clear(buffer);

        Assert.Equal(original, (await ReadAllAsync(store, 0, 1))[0].Bytes.ToArray());
    }
}

/// <summary>The store contract again, with budgets of 12 operations and one largest entry's bytes, so that appends split into many small batches.</summary>
public sealed class InMemoryLogStoreSmallBudgetTests : LogStoreContractTests
{
    protected override Task<ILogStore> CreateStoreAsync(string logName) =>
        Task.FromResult<ILogStore>(new InMemoryLogStore(logName, maxAppendOperations: 12, maxAppendEntryBytes: MedLedger.Ledger.Entries.EntryFormat.MaxEntryBytes));
}
