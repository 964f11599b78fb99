using MedLedger.Testing.Architecture;

namespace MedLedger.Ledger.Tests.Architecture;

/// <summary>The shared purity rules (tests/Testing) on synthetic reference lists: each rule can fail.</summary>
public sealed class PureLibraryRulesTests
{
    private static AssemblyReferences Types(params string[] types) => new([], types, []);

    private static AssemblyReferences Members(params string[] members) => new([], [], members);

    [Fact]
    public void Violations_PureReferences_AreNone()
    {
        var references = new AssemblyReferences(
            ["System.Runtime", "System.Security.Cryptography", "MedLedger.Ledger"],
            ["System.Security.Cryptography.SHA256", "System.IO.Stream", "System.IO.MemoryStream"],
            ["System.Security.Cryptography.SHA256::HashData", "System.Environment::get_CurrentManagedThreadId"]);

        Assert.Empty(PureLibraryRules.Common.Violations(references));
    }

    [Theory]
    [InlineData("Azure.Core")]
    [InlineData("System.Net.Http")]
    [InlineData("Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("Microsoft.AspNetCore.Http")]
    [InlineData("System.Console")]
    public void Violations_BannedAssembly_IsReported(string assembly)
    {
        Assert.Equal([$"assembly {assembly}"], PureLibraryRules.Common.Violations(new AssemblyReferences([assembly], [], [])));
    }

    [Theory]
    [InlineData("Azure.Core.TokenCredential")]
    [InlineData("System.Net.Sockets.Socket")]
    [InlineData("Microsoft.Win32.Registry")]
    [InlineData("System.IO.Pipes.NamedPipeClientStream")]
    [InlineData("System.IO.File")]
    [InlineData("System.Diagnostics.Process")]
    [InlineData("System.AppContext")]
    [InlineData("System.Diagnostics.Process+Inner")]
    public void Violations_BannedType_IsReported(string type)
    {
        Assert.Equal([$"type {type}"], PureLibraryRules.Common.Violations(Types(type)));
    }

    [Fact]
    public void Violations_MemberOfABannedType_IsReported()
    {
        Assert.Equal(["member System.IO.File::ReadAllBytes"], PureLibraryRules.Common.Violations(Members("System.IO.File::ReadAllBytes")));
    }

    [Fact]
    public void Violations_AllowedMember_IsNotReportedButTheTypesOtherMembersAre()
    {
        var references = new AssemblyReferences(
            [], ["System.Environment"], ["System.Environment::get_CurrentManagedThreadId", "System.Environment::GetEnvironmentVariable"]);

        Assert.Equal(["member System.Environment::GetEnvironmentVariable"], PureLibraryRules.Common.Violations(references));
    }

    [Fact]
    public void WithAllowedMembers_AddsToTheCommonAllowance()
    {
        var references = Members("System.Environment::get_ProcessorCount", "System.Environment::get_CurrentManagedThreadId");

        Assert.Equal(["member System.Environment::get_ProcessorCount"], PureLibraryRules.Common.Violations(references));
        Assert.Empty(PureLibraryRules.Common.WithAllowedMembers("System.Environment::get_ProcessorCount").Violations(references));
    }

    [Fact]
    public void WithBannedTypes_AddsToTheCommonBans_AndLeavesCommonUnchanged()
    {
        var rules = PureLibraryRules.Common.WithBannedTypes("System.Random");

        Assert.Equal(["type System.Random", "type System.IO.File"], rules.Violations(Types("System.Random", "System.IO.File")));
        Assert.Equal(["type System.IO.File"], PureLibraryRules.Common.Violations(Types("System.Random", "System.IO.File")));
    }
}
