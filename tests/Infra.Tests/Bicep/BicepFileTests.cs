using MedLedger.Infra.Tests.Bicep;

namespace MedLedger.Infra.Tests.Bicep;

public sealed class BicepFileTests
{
    private const string Sample = """
        // A comment with a { brace and 'quote
        targetScope = 'resourceGroup'

        import { shape } from 'types.bicep'

        @description('Name; braces { in } strings and // slashes do not count.')
        @minLength(3)
        @maxLength(24)
        param name string

        @allowed([
          'a'
          'b'
        ])
        param choice string = 'a'

        param optional string?

        /* block comment
           resource fake 'Not.A/type@1' = {} */
        var settings = [
          {
            name: 'X__${name}__Y'
            value: 'https://example.org/${name}' // trailing comment
          }
        ]

        resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = if (choice == 'a') {
          name: name
          properties: {
            allowSharedKeyAccess: false
            note: '''
        multi-line } text
        '''
          }
        }

        resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [for q in ['x', 'y']: {
          name: q
        }]

        resource existingVault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
          name: 'kv'
        }

        module child 'child.bicep' = {
          name: 'child'
          params: {
            first: name
            second: concat(settings, [
              'z'
            ])
          }
        }

        output URL string = 'https://${account.name}'
        """;

    [Fact]
    public void Parse_Sample_ReadsEveryDeclaration()
    {
        var file = BicepFile.Parse("sample.bicep", Sample);

        Assert.Equal("resourceGroup", file.TargetScope);
        Assert.Equal(["shape"], Assert.Single(file.Imports).Names);
        Assert.Equal(["name", "choice", "optional"], file.Parameters.Select(p => p.Name));
        Assert.Equal(["account", "queues", "existingVault"], file.Resources.Select(r => r.SymbolicName));
        Assert.Equal("child", Assert.Single(file.Modules).SymbolicName);
        Assert.Equal("URL", Assert.Single(file.Outputs).Name);
        Assert.Equal("settings", Assert.Single(file.Variables).Name);
    }

    [Fact]
    public void Parse_Parameters_KeepDecoratorsTypesAndDefaults()
    {
        var file = BicepFile.Parse("sample.bicep", Sample);

        var name = file.Parameter("name")!;
        Assert.Equal("string", name.Type);
        Assert.True(name.IsRequired);
        Assert.Equal("3", name.Decorator("minLength")!.Arguments.Text);
        Assert.Equal("Name; braces { in } strings and // slashes do not count.", name.Decorator("description")!.Arguments.StringLiteral);
        Assert.Equal(["'a'", "'b'"], file.Parameter("choice")!.Decorator("allowed")!.Arguments.Items.Select(i => i.Text));
        Assert.False(file.Parameter("choice")!.IsRequired);
        Assert.False(file.Parameter("optional")!.IsRequired);
    }

    [Fact]
    public void Parse_Resources_ReadTypeVersionConditionLoopAndBody()
    {
        var file = BicepFile.Parse("sample.bicep", Sample);

        var account = file.Resource("account")!;
        Assert.Equal("Microsoft.Storage/storageAccounts", account.Type);
        Assert.Equal("2025-06-01", account.ApiVersion);
        Assert.Equal("choice == 'a'", account.Condition);
        Assert.Equal("false", account.At("properties.allowSharedKeyAccess")!.Text);
        Assert.Null(account.At("properties.missing"));
        Assert.True(file.Resource("queues")!.IsLoop);
        Assert.Equal("q", file.Resource("queues")!.At("name")!.Text);
        Assert.True(file.Resource("existingVault")!.IsExisting);
    }

    [Fact]
    public void Parse_ModuleParams_AreListedByName()
    {
        var module = Assert.Single(BicepFile.Parse("sample.bicep", Sample).Modules);

        Assert.Equal("child.bicep", module.Path);
        Assert.Equal(["first", "second"], module.PassedParameters);
    }

    [Fact]
    public void Parse_ValuesInArrays_DropCommentsAndKeepInterpolations()
    {
        var settings = BicepFile.Parse("sample.bicep", Sample).Variable("settings")!.Value;

        var item = Assert.Single(settings.Items);
        Assert.Equal("'X__${name}__Y'", item.At("name")!.Text);
        Assert.Equal("'https://example.org/${name}'", item.At("value")!.Text);
        Assert.Null(item.At("value")!.StringLiteral);
    }

    [Fact]
    public void Parse_UnknownDeclaration_Throws()
    {
        var error = Assert.Throws<FormatException>(() => BicepFile.Parse("bad.bicep", "param ok string\nresrouce x 'T@1' = {}\n"));

        Assert.Contains("bad.bicep:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ResourceWithoutApiVersion_Throws()
    {
        Assert.Throws<FormatException>(() => BicepFile.Parse("bad.bicep", "resource x 'Microsoft.Web/sites' = {\n  name: 'a'\n}\n"));
    }

    [Fact]
    public void Parse_UnbalancedBraces_Throws()
    {
        Assert.Throws<FormatException>(() => BicepFile.Parse("bad.bicep", "var x = {\n  a: 1\n"));
    }

    [Fact]
    public void Parse_UnterminatedString_Throws()
    {
        Assert.Throws<FormatException>(() => BicepFile.Parse("bad.bicep", "var x = 'open\n"));
    }

    [Fact]
    public void Parse_NestedChildResource_IsReportedAsAnOtherEntry()
    {
        var file = BicepFile.Parse("nested.bicep", "resource a 'Microsoft.Storage/storageAccounts@2025-06-01' = {\n  name: 'a'\n  resource b 'blobServices' = {\n    name: 'default'\n  }\n}\n");

        Assert.StartsWith("resource b 'blobServices'", Assert.Single(file.Resources[0].Body.OtherEntries), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParameterFile_ReadsUsingAndValues()
    {
        var file = BicepFile.Parse("main.bicepparam", "using 'main.bicep'\n\nparam baseName = 'medledger'\nparam tags = {\n  a: 'b'\n}\n");

        Assert.Equal("main.bicep", file.Using);
        Assert.Equal("'medledger'", file.Parameter("baseName")!.Value!.Text);
        Assert.Equal("'b'", file.Parameter("tags")!.Value!.At("a")!.Text);
    }
}
