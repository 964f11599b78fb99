using MedLedger.Ledger.Storage;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The log readers over the in-memory store.</summary>
public sealed class InMemoryLogReaderTests : LogReaderTests
{
    protected override Task<ILogStore> CreateStoreAsync() => Task.FromResult<ILogStore>(new InMemoryLogStore("medledger.test/access"));
}
