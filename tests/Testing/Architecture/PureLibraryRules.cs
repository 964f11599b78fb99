namespace MedLedger.Testing.Architecture;

/// <summary>
/// What a pure library (src/Ledger, src/Access) may not refer to: Azure, the network, hosting frameworks, and file,
/// console, process or environment access. Checked on compiled metadata (<see cref="AssemblyReferences"/>), so no
/// source trick (a using alias, a fully qualified name) slips past. A library adds what is specific to it with
/// <see cref="WithBannedTypes"/> and <see cref="WithAllowedMembers"/>.
/// </summary>
public sealed class PureLibraryRules
{
    private static readonly string[] BannedAssemblyPrefixes = ["Azure", "System.Net", "Microsoft.Extensions", "Microsoft.AspNetCore", "System.Console"];

    private static readonly string[] BannedNamespacePrefixes =
    [
        "Azure.", "System.Net.", "Microsoft.Extensions.", "Microsoft.AspNetCore.", "Microsoft.Win32.",
        "System.IO.Pipes.", "System.IO.MemoryMappedFiles.", "System.IO.IsolatedStorage.", "System.IO.Enumeration.",
    ];

    private static readonly string[] CommonBannedTypes =
    [
        "System.Console", "System.Environment", "System.AppContext", "System.Diagnostics.Process",
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.FileSystemInfo", "System.IO.Directory",
        "System.IO.DirectoryInfo", "System.IO.DriveInfo", "System.IO.FileSystemWatcher", "System.IO.Path",
        "System.IO.RandomAccess", "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.FileStreamOptions",
    ];

    // Compiler-generated async state machines and iterators read the managed thread id; it reads no outside state.
    private static readonly string[] CommonAllowedMembers = ["System.Environment::get_CurrentManagedThreadId"];

    private readonly HashSet<string> _bannedTypes;
    private readonly HashSet<string> _allowedMembers;

    private PureLibraryRules(IEnumerable<string> bannedTypes, IEnumerable<string> allowedMembers)
    {
        _bannedTypes = new HashSet<string>(bannedTypes, StringComparer.Ordinal);
        _allowedMembers = new HashSet<string>(allowedMembers, StringComparer.Ordinal);
    }

    /// <summary>Gets the rules every pure library follows.</summary>
    public static PureLibraryRules Common { get; } = new(CommonBannedTypes, CommonAllowedMembers);

    /// <summary>These rules, also banning <paramref name="types"/> (full names, e.g. <c>System.Random</c>).</summary>
    public PureLibraryRules WithBannedTypes(params string[] types) => new(_bannedTypes.Concat(types), _allowedMembers);

    /// <summary>
    /// These rules, also allowing <paramref name="members"/> (<c>Type::member</c>) of otherwise banned types; the type
    /// itself is then not reported, only its other members.
    /// </summary>
    public PureLibraryRules WithAllowedMembers(params string[] members) => new(_bannedTypes, _allowedMembers.Concat(members));

    /// <summary>Every reference that breaks these rules, as <c>assembly X</c>, <c>type X</c> or <c>member X::m</c>; empty when pure.</summary>
    public IReadOnlyList<string> Violations(AssemblyReferences references) =>
    [
        .. references.Assemblies.Where(a => BannedAssemblyPrefixes.Any(p => a.StartsWith(p, StringComparison.Ordinal))).Select(a => $"assembly {a}"),
        .. references.Types.Where(t => IsBanned(t) && !_allowedMembers.Any(m => m.StartsWith(t + "::", StringComparison.Ordinal))).Select(t => $"type {t}"),
        .. references.Members.Where(m => !_allowedMembers.Contains(m) && IsBanned(m[..m.IndexOf("::", StringComparison.Ordinal)])).Select(m => $"member {m}"),
    ];

    // A nested type (Outer+Inner) is banned with its outer type.
    private bool IsBanned(string type) =>
        _bannedTypes.Contains(type.Split('+')[0]) || BannedNamespacePrefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));
}
