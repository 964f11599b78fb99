using MedLedger.Access.Policy;
using MedLedger.Testing.Architecture;

namespace MedLedger.Access.Tests.Architecture;

/// <summary>
/// src/Access is pure (<see cref="PureLibraryRules"/>), and draws no randomness of its own either.
/// Storage and HTTP come in through ports (IDirectory, IReplayGuard) implemented elsewhere.
/// </summary>
public sealed class AccessPurityTests
{
    private static readonly PureLibraryRules Rules = PureLibraryRules.Common.WithBannedTypes("System.Random");

    private static readonly AssemblyReferences Access = AssemblyReferences.Read(typeof(AccessPolicy).Assembly.Location);

    [Fact]
    public void AccessAssembly_References_IncludeNoAzureNetworkHostingIoOrAmbientClock()
    {
        Assert.Empty(Rules.Violations(Access));
    }

    [Fact]
    public void AccessAssembly_Metadata_IsActuallyRead()
    {
        Assert.Contains("System.Security.Cryptography.CryptographicOperations", Access.Types);
        Assert.Contains("System.Security.Cryptography.CryptographicOperations::FixedTimeEquals", Access.Members);
        Assert.Contains("MedLedger.Ledger", Access.Assemblies);
    }

    [Fact]
    public void Violations_AnAssemblyThatReadsFiles_AreReported()
    {
        var tests = AssemblyReferences.Read(typeof(AccessPurityTests).Assembly.Location);

        Assert.Contains("type System.IO.File", Rules.Violations(tests));
    }

    [Fact]
    public void Violations_Random_IsReportedForAccessOnly()
    {
        var references = new AssemblyReferences([], ["System.Random"], ["System.Random::Next"]);

        Assert.Equal(["type System.Random", "member System.Random::Next"], Rules.Violations(references));
        Assert.Empty(PureLibraryRules.Common.Violations(references));
    }
}
