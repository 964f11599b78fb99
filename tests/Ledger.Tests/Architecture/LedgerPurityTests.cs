using MedLedger.Ledger.Hashing;
using MedLedger.Testing.Architecture;

namespace MedLedger.Ledger.Tests.Architecture;

/// <summary>src/Ledger is pure (<see cref="PureLibraryRules"/>), checked on the compiled assembly's metadata.</summary>
public sealed class LedgerPurityTests
{
    // The processor count reads no outside state worth banning: it sizes parallel hashing and verification.
    private static readonly PureLibraryRules Rules = PureLibraryRules.Common.WithAllowedMembers("System.Environment::get_ProcessorCount");

    private static readonly AssemblyReferences Ledger = AssemblyReferences.Read(typeof(MerkleHash).Assembly.Location);

    [Fact]
    public void LedgerAssembly_AssemblyTypeAndMemberReferences_IncludeNoAzureNetworkHostingOrIo()
    {
        Assert.Empty(Rules.Violations(Ledger));
    }

    [Fact]
    public void LedgerAssembly_Metadata_IsActuallyRead()
    {
        // Guards the test above against passing on an empty scan.
        Assert.Contains("System.Security.Cryptography.SHA256", Ledger.Types);
        Assert.Contains("System.Security.Cryptography.SHA256::HashData", Ledger.Members);
        Assert.Contains(Ledger.Assemblies, a => a.StartsWith("System.", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_AnAssemblyThatReadsFiles_AreReported()
    {
        // This test assembly loads its vector files from disk, so the same scan must flag it.
        var tests = AssemblyReferences.Read(typeof(LedgerPurityTests).Assembly.Location);

        var violations = Rules.Violations(tests);

        Assert.Contains("type System.IO.File", violations);
        Assert.Contains(violations, v => v.StartsWith("member System.IO.File::", StringComparison.Ordinal));
    }
}
