using System.Text.RegularExpressions;
using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>
/// The app settings the function app template writes: starting from <c>siteConfig.appSettings</c> of the
/// <c>Microsoft.Web/sites</c> resource, every variable it draws from is followed, and every <c>{ name, value }</c>
/// object found on the way is a setting. Interpolated names (<c>'MedLedger__Insurers__${i}__Id'</c>) become
/// patterns with <c>{n}</c> in place of the interpolation.
/// </summary>
internal static partial class AppSettingsReader
{
    public static IReadOnlyList<AppSetting> Read(InfraTemplates templates)
    {
        var file = templates.Module("functionapp");
        var site = file.Resources.SingleOrDefault(r => !r.IsExisting && r.Type == "Microsoft.Web/sites")
            ?? throw new InvalidOperationException("functionapp.bicep declares no Microsoft.Web/sites resource");
        var root = site.At("properties.siteConfig.appSettings")
            ?? throw new InvalidOperationException("the function app has no properties.siteConfig.appSettings");

        var settings = new List<AppSetting>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Collect(file, root, settings, visited);
        return settings;
    }

    private static void Collect(BicepFile file, BicepExpression expression, List<AppSetting> settings, HashSet<string> visited)
    {
        if (expression.IsObject)
        {
            var name = expression.At("name");
            var value = expression.At("value");
            if (name is not null && value is not null)
            {
                settings.Add(new AppSetting(NamePattern(name.Text), value.Text));
                return;
            }
        }

        if (expression.IsArray)
        {
            foreach (var item in expression.Items)
            {
                Collect(file, item, settings, visited);
            }

            return;
        }

        if (LoopBody().Match(expression.Text) is { Success: true } loop)
        {
            var text = new BicepText(expression.Text);
            var close = text.MatchingClose(loop.Groups[1].Index);
            Collect(file, new BicepExpression(expression.Text[loop.Groups[1].Index..(close + 1)]), settings, visited);
            return;
        }

        // A function call or a reference: follow every variable it names.
        foreach (Match identifier in Identifier().Matches(new BicepText(expression.Text).Masked))
        {
            var variable = file.Variable(identifier.Value);
            if (variable is not null && visited.Add(variable.Name))
            {
                Collect(file, variable.Value, settings, visited);
            }
        }
    }

    private static string NamePattern(string nameExpression)
    {
        var text = nameExpression.Trim();
        if (text.Length < 2 || text[0] != '\'' || text[^1] != '\'')
        {
            throw new FormatException($"an app setting name must be a string literal, not '{text}'");
        }

        return Interpolation().Replace(text[1..^1], "{n}");
    }

    [GeneratedRegex(@"^\[\s*for\s[^:]*:\s*(\{)", RegexOptions.Singleline)]
    private static partial Regex LoopBody();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Interpolation();
}
