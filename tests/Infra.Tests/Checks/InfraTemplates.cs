using System.Text.Json;
using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// Everything the checks read, loaded from one folder layout: <c>infra/</c> (main.bicep, parameter files,
/// modules/, storage-layout.json) and <c>scripts/deploy</c>. The real repository, or a broken copy of it.
/// </summary>
internal sealed class InfraTemplates
{
    private InfraTemplates(string root)
    {
        Root = root;
        InfraDirectory = System.IO.Path.Combine(root, "infra");
        Main = BicepFile.Load(System.IO.Path.Combine(InfraDirectory, "main.bicep"));
        Modules = Directory.GetFiles(System.IO.Path.Combine(InfraDirectory, "modules"), "*.bicep")
            .Order(StringComparer.Ordinal)
            .Select(BicepFile.Load)
            .ToList();
        ParameterFiles = Directory.GetFiles(InfraDirectory, "*.bicepparam")
            .Order(StringComparer.Ordinal)
            .Select(BicepFile.Load)
            .ToList();
        using var layout = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(InfraDirectory, "storage-layout.json")));
        StorageLayout = StorageLayout.From(layout.RootElement);
        DeployScript = File.ReadAllText(System.IO.Path.Combine(root, "scripts", "deploy"));
    }

    /// <summary>The folder holding <c>infra/</c> and <c>scripts/</c>.</summary>
    public string Root { get; }

    public string InfraDirectory { get; }

    public BicepFile Main { get; }

    public IReadOnlyList<BicepFile> Modules { get; }

    public IReadOnlyList<BicepFile> ParameterFiles { get; }

    public StorageLayout StorageLayout { get; }

    public string DeployScript { get; }

    /// <summary>main.bicep and every module.</summary>
    public IEnumerable<BicepFile> Templates => Modules.Prepend(Main);

    public static InfraTemplates Load(string root) => new(root);

    public static InfraTemplates LoadRepository() => new(RepositoryRoot.Path);

    /// <summary>The module file <c>infra/modules/&lt;name&gt;.bicep</c>.</summary>
    public BicepFile Module(string name) =>
        Modules.SingleOrDefault(m => System.IO.Path.GetFileNameWithoutExtension(m.Path) == name)
        ?? throw new InvalidOperationException($"infra/modules/{name}.bicep is missing");

    /// <summary>Declared (not <c>existing</c>) resources of a type, in every template.</summary>
    public IEnumerable<(BicepFile File, BicepResource Resource)> Declared(string type) =>
        Templates.SelectMany(file => file.Resources
            .Where(r => !r.IsExisting && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))
            .Select(r => (file, r)));

    /// <summary>A short path for messages: <c>infra/modules/storage.bicep:42</c>.</summary>
    public string Where(BicepFile file, int line) =>
        $"{System.IO.Path.GetRelativePath(Root, file.Path).Replace('\\', '/')}:{line}";
}
