using System.Text.RegularExpressions;

namespace MedLedger.Infra.Tests.Bicep;

/// <summary>
/// The text of one Bicep expression (comments removed), with just enough structure to navigate object and
/// array literals: <c>properties.siteConfig.minTlsVersion</c> on a resource body, the items of an array.
/// Anything else (function calls, ternaries, references) stays text.
/// </summary>
internal sealed partial class BicepExpression
{
    private IReadOnlyList<KeyValuePair<string, BicepExpression>>? properties;
    private IReadOnlyList<BicepExpression>? items;
    private IReadOnlyList<string>? otherEntries;

    public BicepExpression(string text) => Text = text.Trim();

    public string Text { get; }

    public bool IsObject => Text.StartsWith('{') && Text.EndsWith('}');

    public bool IsArray => Text.StartsWith('[') && Text.EndsWith(']') && !ForLoop().IsMatch(Text);

    /// <summary>The properties of an object literal, in source order.</summary>
    public IReadOnlyList<KeyValuePair<string, BicepExpression>> Properties
    {
        get
        {
            if (properties is null)
            {
                Split();
            }

            return properties!;
        }
    }

    /// <summary>The items of an array literal, in source order.</summary>
    public IReadOnlyList<BicepExpression> Items
    {
        get
        {
            if (items is null)
            {
                Split();
            }

            return items!;
        }
    }

    /// <summary>
    /// Entries of an object literal that are not <c>name: value</c> pairs, other than decorators: nested declarations
    /// such as a child <c>resource</c>, which this reader does not interpret.
    /// </summary>
    public IReadOnlyList<string> OtherEntries
    {
        get
        {
            if (otherEntries is null)
            {
                Split();
            }

            return otherEntries!;
        }
    }

    /// <summary>The value of a property path such as <c>properties.siteConfig.minTlsVersion</c>, or null.</summary>
    public BicepExpression? At(string path)
    {
        var current = this;
        foreach (var name in path.Split('.'))
        {
            if (!current.IsObject)
            {
                return null;
            }

            var match = current.Properties.Where(p => p.Key == name).Select(p => p.Value).ToList();
            if (match.Count != 1)
            {
                return null;
            }

            current = match[0];
        }

        return current;
    }

    /// <summary>The content of a plain string literal (no interpolation), or null when the expression is anything else.</summary>
    public string? StringLiteral
    {
        get
        {
            var match = PlainString().Match(Text);
            return match.Success ? Regex.Unescape(match.Groups[1].Value.Replace("\\'", "'", StringComparison.Ordinal)) : null;
        }
    }

    public override string ToString() => Text;

    private void Split()
    {
        var keyed = new List<KeyValuePair<string, BicepExpression>>();
        var listed = new List<BicepExpression>();
        var other = new List<string>();
        if (IsObject || IsArray)
        {
            var text = new BicepText(Text);
            var inner = text.Masked.AsSpan(1, Text.Length - 2);
            var depth = 0;
            var start = 1;
            for (var i = 0; i <= inner.Length; i++)
            {
                var c = i < inner.Length ? inner[i] : '\n';
                if (c is '(' or '[' or '{')
                {
                    depth++;
                }
                else if (c is ')' or ']' or '}')
                {
                    depth--;
                }
                else if ((c == '\n' || c == ',') && depth == 0)
                {
                    var entry = text.WithoutComments[start..(i + 1)].Trim();
                    start = i + 2;
                    if (entry.Length == 0)
                    {
                        continue;
                    }

                    if (IsArray)
                    {
                        listed.Add(new BicepExpression(entry));
                        continue;
                    }

                    var property = PropertyEntry().Match(entry);
                    if (property.Success)
                    {
                        var name = property.Groups[1].Value.Trim('\'');
                        keyed.Add(new(name, new BicepExpression(property.Groups[2].Value)));
                    }
                    else if (!entry.StartsWith('@'))
                    {
                        other.Add(entry);
                    }
                }
            }
        }

        properties = keyed;
        items = listed;
        otherEntries = other;
    }

    [GeneratedRegex(@"^\[\s*for\s")]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"^'((?:[^'\\$]|\\.|\$(?!\{))*)'$", RegexOptions.Singleline)]
    private static partial Regex PlainString();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*|'[^']*')\s*:\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex PropertyEntry();
}
