using MedLedger.Testing.Tiles;

namespace MedLedger.Ledger.Tests.Support;

/// <summary>Checks the read pattern of one proof: one batched call and at most <c>perLevel</c> tiles per tile level.</summary>
internal static class TileReadAssert
{
    public static void OneBatch(InMemoryTiles tiles, int perLevel, string what)
    {
        Assert.True(tiles.ReadCalls == 1, $"{what}: {tiles.ReadCalls} read calls");
        var worst = tiles.LastRead.GroupBy(c => c.Level).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        Assert.True(worst <= perLevel, $"{what}: {worst} tiles at one level ({string.Join(", ", tiles.LastRead)})");
        Assert.Equal(tiles.LastRead.Count, tiles.LastRead.Distinct().Count());
        tiles.ResetCounters();
    }
}
