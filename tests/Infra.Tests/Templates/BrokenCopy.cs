using MedLedger.Infra.Tests.Checks;
using MedLedger.Infra.Tests.Support;

namespace MedLedger.Infra.Tests.Templates;

/// <summary>
/// A copy of infra/ and scripts/deploy with one deliberate change, for proving that a check fails when the
/// setting it guards is removed or flipped.
/// </summary>
internal sealed class BrokenCopy : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    private BrokenCopy()
    {
        CopyDirectory(RepositoryRoot.Combine("infra"), directory.Combine("infra"));
        Directory.CreateDirectory(directory.Combine("scripts"));
        File.Copy(RepositoryRoot.Combine("scripts", "deploy"), directory.Combine("scripts", "deploy"));
    }

    public string Root => directory.Path;

    /// <summary>Copies the repository and replaces <paramref name="find"/> (which must occur) with <paramref name="replace"/> in one file.</summary>
    public static BrokenCopy With(string relativeFile, string find, string replace)
    {
        var copy = new BrokenCopy();
        var path = Path.Combine(copy.Root, relativeFile);
        var text = File.ReadAllText(path);
        if (!text.Contains(find, StringComparison.Ordinal))
        {
            copy.Dispose();
            throw new InvalidOperationException($"the mutation does not apply: '{find}' is not in {relativeFile}, so the broken copy would not be broken");
        }

        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return copy;
    }

    public InfraTemplates Load() => InfraTemplates.Load(Root);

    public void Dispose() => directory.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var child in Directory.GetDirectories(from))
        {
            CopyDirectory(child, Path.Combine(to, Path.GetFileName(child)));
        }
    }
}
