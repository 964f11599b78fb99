using System.Text.RegularExpressions;

namespace MedLedger.Infra.Tests.Bicep;

/// <summary>
/// The top-level declarations of a <c>.bicep</c> or <c>.bicepparam</c> file: decorators, <c>param</c>, <c>var</c>,
/// <c>resource</c>, <c>module</c>, <c>output</c>, <c>type</c>, <c>import</c>, <c>using</c> and <c>targetScope</c>.
/// Not a compiler: it reads structure and leaves expressions as text, and it fails loudly on a declaration it
/// does not understand rather than skipping it.
/// </summary>
internal sealed partial class BicepFile
{
    private BicepFile(string path, BicepText text) => (Path, Text) = (path, text);

    public string Path { get; }

    public BicepText Text { get; }

    public List<BicepParameter> Parameters { get; } = [];

    public List<BicepVariable> Variables { get; } = [];

    public List<BicepResource> Resources { get; } = [];

    public List<BicepModule> Modules { get; } = [];

    public List<BicepOutput> Outputs { get; } = [];

    public List<BicepImport> Imports { get; } = [];

    public List<string> Types { get; } = [];

    /// <summary>The file named by <c>using</c> (parameter files only).</summary>
    public string? Using { get; private set; }

    public string? TargetScope { get; private set; }

    public static BicepFile Load(string path) => Parse(path, File.ReadAllText(path));

    public static BicepFile Parse(string path, string source)
    {
        var file = new BicepFile(path, new BicepText(source));
        file.ReadDeclarations();
        return file;
    }

    public BicepVariable? Variable(string name) => Variables.SingleOrDefault(v => v.Name == name);

    public BicepResource? Resource(string symbolicName) => Resources.SingleOrDefault(r => r.SymbolicName == symbolicName);

    public BicepParameter? Parameter(string name) => Parameters.SingleOrDefault(p => p.Name == name);

    private void ReadDeclarations()
    {
        var masked = Text.Masked;
        var decorators = new List<BicepDecorator>();
        var i = 0;
        while (i < masked.Length)
        {
            if (char.IsWhiteSpace(masked[i]))
            {
                i++;
                continue;
            }

            if (masked[i] == '@')
            {
                var open = masked.IndexOf('(', i);
                var close = Text.MatchingClose(open);
                var name = masked[(i + 1)..open].Trim();
                decorators.Add(new BicepDecorator(name, new BicepExpression(Text.WithoutComments[(open + 1)..close])));
                i = close + 1;
                continue;
            }

            var end = Text.StatementEnd(i);
            var statement = Text.WithoutComments[i..end].Trim();
            Declare(statement, decorators, Text.LineOf(i));
            decorators = [];
            i = end;
        }

        if (decorators.Count > 0)
        {
            throw new FormatException($"{Path}: decorators at the end of the file decorate nothing");
        }
    }

    private void Declare(string statement, List<BicepDecorator> decorators, int line)
    {
        Match match;
        if ((match = ResourceDeclaration().Match(statement)).Success)
        {
            var (condition, body, isLoop) = ReadBody(match.Groups["rest"].Value, line);
            var typeAndVersion = match.Groups["type"].Value.Split('@');
            if (typeAndVersion.Length != 2)
            {
                throw new FormatException($"{Path}:{line}: resource '{match.Groups["name"].Value}' has no API version: '{match.Groups["type"].Value}'");
            }

            Resources.Add(new BicepResource(
                match.Groups["name"].Value, typeAndVersion[0], typeAndVersion[1], match.Groups["existing"].Success,
                condition, isLoop, body, decorators, line));
        }
        else if ((match = ModuleDeclaration().Match(statement)).Success)
        {
            var (condition, body, isLoop) = ReadBody(match.Groups["rest"].Value, line);
            Modules.Add(new BicepModule(match.Groups["name"].Value, match.Groups["path"].Value, condition, isLoop, body, line));
        }
        else if ((match = ParameterDeclaration().Match(statement)).Success)
        {
            var type = match.Groups["type"].Value.Trim();
            var value = match.Groups["value"].Success ? new BicepExpression(match.Groups["value"].Value) : null;
            Parameters.Add(new BicepParameter(match.Groups["name"].Value, type, value, decorators, line));
        }
        else if ((match = VariableDeclaration().Match(statement)).Success)
        {
            Variables.Add(new BicepVariable(match.Groups["name"].Value, new BicepExpression(match.Groups["value"].Value), line));
        }
        else if ((match = OutputDeclaration().Match(statement)).Success)
        {
            Outputs.Add(new BicepOutput(
                match.Groups["name"].Value, match.Groups["type"].Value.Trim(), new BicepExpression(match.Groups["value"].Value), decorators, line));
        }
        else if ((match = TypeDeclaration().Match(statement)).Success)
        {
            Types.Add(match.Groups["name"].Value);
        }
        else if ((match = ImportDeclaration().Match(statement)).Success)
        {
            var names = match.Groups["names"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Imports.Add(new BicepImport(names, match.Groups["path"].Value, line));
        }
        else if ((match = UsingDeclaration().Match(statement)).Success)
        {
            Using = match.Groups["path"].Value;
        }
        else if ((match = TargetScopeDeclaration().Match(statement)).Success)
        {
            TargetScope = match.Groups["scope"].Value;
        }
        else if (!MetadataDeclaration().IsMatch(statement))
        {
            throw new FormatException($"{Path}:{line}: not a declaration this reader understands: '{statement.Split('\n')[0]}'");
        }
    }

    /// <summary>Splits <c>= [if (cond)] {body}</c> or <c>= [for x in y: {body}]</c> into condition and body.</summary>
    private (string? Condition, BicepExpression Body, bool IsLoop) ReadBody(string rest, int line)
    {
        var text = new BicepText(rest);
        var masked = text.Masked;
        string? condition = null;
        var isLoop = false;
        var start = 0;
        var conditionMatch = ConditionPrefix().Match(masked);
        if (conditionMatch.Success)
        {
            var open = masked.IndexOf('(', conditionMatch.Index);
            var close = text.MatchingClose(open);
            condition = text.WithoutComments[(open + 1)..close].Trim();
            start = close + 1;
        }

        var loopMatch = LoopPrefix().Match(masked, start);
        if (loopMatch.Success)
        {
            isLoop = true;
            start = loopMatch.Index + loopMatch.Length;
        }

        var brace = masked.IndexOf('{', start);
        if (brace < 0)
        {
            throw new FormatException($"{Path}:{line}: declaration has no body: '{rest}'");
        }

        var end = text.MatchingClose(brace);
        return (condition, new BicepExpression(text.WithoutComments[brace..(end + 1)]), isLoop);
    }

    [GeneratedRegex(@"^resource\s+(?<name>\w+)\s+'(?<type>[^']+)'\s*(?<existing>existing)?\s*=\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ResourceDeclaration();

    [GeneratedRegex(@"^module\s+(?<name>\w+)\s+'(?<path>[^']+)'\s*=\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ModuleDeclaration();

    [GeneratedRegex(@"^param\s+(?<name>\w+)(?<type>(?:\s+[^=]+?)?)\s*(?:=\s*(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ParameterDeclaration();

    [GeneratedRegex(@"^var\s+(?<name>\w+)\s*=\s*(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex VariableDeclaration();

    [GeneratedRegex(@"^output\s+(?<name>\w+)\s+(?<type>[^=]+?)\s*=\s*(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex OutputDeclaration();

    [GeneratedRegex(@"^type\s+(?<name>\w+)\s*=", RegexOptions.Singleline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^import\s*\{(?<names>[^}]*)\}\s*from\s+'(?<path>[^']+)'$", RegexOptions.Singleline)]
    private static partial Regex ImportDeclaration();

    [GeneratedRegex(@"^using\s+'(?<path>[^']+)'$")]
    private static partial Regex UsingDeclaration();

    [GeneratedRegex(@"^targetScope\s*=\s*'(?<scope>[^']+)'$")]
    private static partial Regex TargetScopeDeclaration();

    [GeneratedRegex(@"^metadata\s+\w+\s*=", RegexOptions.Singleline)]
    private static partial Regex MetadataDeclaration();

    [GeneratedRegex(@"^\s*if\s*\(")]
    private static partial Regex ConditionPrefix();

    [GeneratedRegex(@"\G\s*\[\s*for\s[^:]*:")]
    private static partial Regex LoopPrefix();
}
