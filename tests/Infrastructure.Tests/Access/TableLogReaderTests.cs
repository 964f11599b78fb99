using MedLedger.Infrastructure.Ledger;
using MedLedger.Ledger.Storage;
using MedLedger.Testing.Azurite;

namespace MedLedger.Infrastructure.Tests.Access;

/// <summary>The log readers over the Table-backed store on Azurite.</summary>
public sealed class TableLogReaderTests(AzuriteFixture azurite) : LogReaderTests
{
    private static readonly string SharedTable = UniqueNames.Table("ledger");

    protected override async Task<ILogStore> CreateStoreAsync()
    {
        var store = TableLogStore.Open(azurite.CreateAccount(), "medledger.test/" + Guid.NewGuid().ToString("N"), tableName: SharedTable);
        await store.CreateTableIfNotExistsAsync(Token);
        return store;
    }
}
