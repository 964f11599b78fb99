using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MedLedger.Testing.Architecture;

/// <summary>What a compiled assembly refers to, read from its metadata tables (nothing is loaded or run).</summary>
/// <remarks>For the purity tests of the pure libraries (src/Ledger, src/Access); see <see cref="PureLibraryRules"/>.</remarks>
public sealed record AssemblyReferences(IReadOnlyList<string> Assemblies, IReadOnlyList<string> Types, IReadOnlyList<string> Members)
{
    /// <summary>Reads the references of the assembly file at <paramref name="path"/>.</summary>
    public static AssemblyReferences Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var assemblies = metadata.AssemblyReferences
            .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
            .ToList();
        var types = metadata.TypeReferences
            .Select(h => TypeName(metadata, h))
            .ToList();
        var members = metadata.MemberReferences
            .Select(h => metadata.GetMemberReference(h))
            .Select(m => $"{ParentName(metadata, m.Parent)}::{metadata.GetString(m.Name)}")
            .ToList();
        return new AssemblyReferences(assemblies, types, members);
    }

    private static string TypeName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{TypeName(metadata, (TypeReferenceHandle)type.ResolutionScope)}+{name}"
            : $"{metadata.GetString(type.Namespace)}.{name}";
    }

    private static string ParentName(MetadataReader metadata, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => TypeName(metadata, (TypeReferenceHandle)parent),
        HandleKind.TypeDefinition => metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)parent).Name),
        HandleKind.TypeSpecification => "(generic instance)",
        HandleKind.MethodDefinition => "(method)",
        HandleKind.ModuleReference => "(module)",
        _ => parent.Kind.ToString(),
    };
}
