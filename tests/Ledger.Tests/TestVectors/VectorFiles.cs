using System.Text.Json;
using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Tests.TestVectors;

/// <summary>Loads the JSON vector files copied next to the test assembly.</summary>
internal static class VectorFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static T Load<T>(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestVectors", fileName);
        var value = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        return value ?? throw new InvalidDataException($"{fileName} is empty.");
    }

    public static LedgerHash Hash(string hex) => new(Convert.FromHexString(hex));

    public static LedgerHash[] Hashes(IEnumerable<string> hex) => [.. hex.Select(Hash)];
}

internal sealed record HashVectors(string Source, string EmptyRoot, LeafVector[] Leaves);

internal sealed record LeafVector(string Desc, string DataHex, string LeafHash);

internal sealed record ReferenceTreeVectors(
    string Source, string HashAlgorithm, string EmptyRoot, string[] Leaves, RootVector[] Roots,
    InclusionVector[] Inclusion, ConsistencyVector[] Consistency)
{
    public byte[] Entry(long index) => Convert.FromHexString(Leaves[index]);

    public LedgerHash Root(long treeSize) => VectorFiles.Hash(Roots.Single(r => r.TreeSize == treeSize).Root);
}

internal sealed record RootVector(long TreeSize, string Root);

internal sealed record InclusionVector(long LeafIndex, long TreeSize, string[] Proof);

internal sealed record ConsistencyVector(long FirstSize, long SecondSize, string[] Proof);

internal sealed record InclusionProbeFile(string Source, InclusionProbe[] Probes);

internal sealed record InclusionProbe(
    string Case, string Desc, long LeafIndex, long TreeSize, string LeafHash, string Root, string[] Proof, bool WantValid);

internal sealed record ConsistencyProbeFile(string Source, ConsistencyProbe[] Probes);

internal sealed record ConsistencyProbe(
    string Case, string Desc, long FirstSize, long SecondSize, string FirstRoot, string SecondRoot, string[] Proof, bool WantValid);
