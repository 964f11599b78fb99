using MedLedger.Access.Policy;
using MedLedger.Testing.Architecture;

namespace MedLedger.Access.Tests.Architecture;

/// <summary>
/// src/Access is pure: no Azure, no network, no hosting framework, no file, console, process or environment access.
/// Storage and HTTP come in through ports (IDirectory, IReplayGuard) implemented elsewhere.
/// </summary>
public sealed class AccessPurityTests
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
        "System.Random",
    ];

    // Compiler-generated async state machines read the managed thread id; nothing else of Environment is allowed.
    private static readonly HashSet<string> AllowedMembers = ["System.Environment::get_CurrentManagedThreadId"];

    private static readonly AssemblyReferences Access = AssemblyReferences.Read(typeof(AccessPolicy).Assembly.Location);

    private static List<string> Violations(AssemblyReferences references) =>
    [
        .. references.Assemblies.Where(a => BannedAssemblyPrefixes.Any(p => a.StartsWith(p, StringComparison.Ordinal))).Select(a => $"assembly {a}"),
        .. references.Types.Where(t => IsBanned(t) && !AllowedMembers.Any(m => m.StartsWith(t + "::", StringComparison.Ordinal))).Select(t => $"type {t}"),
        .. references.Members.Where(m => !AllowedMembers.Contains(m) && IsBanned(m[..m.IndexOf("::", StringComparison.Ordinal)])).Select(m => $"member {m}"),
    ];

    private static bool IsBanned(string type) =>
        BannedTypes.Contains(type.Split('+')[0]) || BannedNamespacePrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));

    [Fact]
    public void AccessAssembly_References_IncludeNoAzureNetworkHostingIoOrAmbientClock()
    {
        Assert.Empty(Violations(Access));
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

        Assert.Contains("type System.IO.File", Violations(tests));
    }
}
