using MedLedger.Ledger.Hashing;
using MedLedger.Testing.Architecture;

namespace MedLedger.Ledger.Tests.Architecture;

/// <summary>
/// src/Ledger is pure: no Azure, no network, no hosting framework, and no file, console, process or environment
/// access. Checked on the compiled assembly's metadata, so no source trick (a using alias, a fully qualified name)
/// slips past.
/// </summary>
public sealed class LedgerPurityTests
{
    private static readonly string[] BannedAssemblyPrefixes = ["Azure", "System.Net", "Microsoft.Extensions", "Microsoft.AspNetCore", "System.Console"];

    private static readonly string[] BannedNamespacePrefixes =
    [
        "Azure.", "System.Net.", "Microsoft.Extensions.", "Microsoft.AspNetCore.", "Microsoft.Win32.",
        "System.IO.Pipes.", "System.IO.MemoryMappedFiles.", "System.IO.IsolatedStorage.", "System.IO.Enumeration.",
    ];

    private static readonly HashSet<string> BannedTypes =
    [
        "System.Console", "System.Environment", "System.AppContext", "System.Diagnostics.Process",
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.FileSystemInfo", "System.IO.Directory",
        "System.IO.DirectoryInfo", "System.IO.DriveInfo", "System.IO.FileSystemWatcher", "System.IO.Path",
        "System.IO.RandomAccess", "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.FileStreamOptions",
    ];

    // Environment is banned except for two members that read no outside state: the processor count (to size
    // parallel hashing) and the managed thread id (which compiler-generated async iterators use).
    private static readonly HashSet<string> AllowedMembers =
    [
        "System.Environment::get_ProcessorCount", "System.Environment::get_CurrentManagedThreadId",
    ];

    private static readonly AssemblyReferences Ledger = AssemblyReferences.Read(typeof(MerkleHash).Assembly.Location);

    private static List<string> Violations(AssemblyReferences references) =>
    [
        .. references.Assemblies.Where(a => BannedAssemblyPrefixes.Any(p => a.StartsWith(p, StringComparison.Ordinal))).Select(a => $"assembly {a}"),
        .. references.Types.Where(t => IsBanned(t) && !AllowedMembers.Any(m => m.StartsWith(t + "::", StringComparison.Ordinal))).Select(t => $"type {t}"),
        .. references.Members.Where(m => !AllowedMembers.Contains(m) && IsBanned(m[..m.IndexOf("::", StringComparison.Ordinal)])).Select(m => $"member {m}"),
    ];

    private static bool IsBanned(string type) =>
        BannedTypes.Contains(type.Split('+')[0]) || BannedNamespacePrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));

    [Fact]
    public void LedgerAssembly_AssemblyTypeAndMemberReferences_IncludeNoAzureNetworkHostingOrIo()
    {
        Assert.Empty(Violations(Ledger));
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

        var violations = Violations(tests);

        Assert.Contains("type System.IO.File", violations);
        Assert.Contains(violations, v => v.StartsWith("member System.IO.File::", StringComparison.Ordinal));
    }
}
