using MedLedger.Access.Authorization;
using MedLedger.Access.Identity;
using MedLedger.Testing.Azurite;

namespace MedLedger.Access.Tests.Authorization;

/// <summary>docs/authorization.md's rights table and RoleRights are the same table, cell by cell.</summary>
public sealed class RoleRightsDocumentTests
{
    private static IReadOnlyList<string[]> DocumentedRows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "authorization.md"));
        var start = Array.IndexOf(lines, "<!-- rights-table:start -->");
        var end = Array.IndexOf(lines, "<!-- rights-table:end -->");
        Assert.True(start >= 0 && end > start, "The rights table markers are missing.");
        return [.. lines[(start + 1)..end].Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())];
    }

    [Fact]
    public void Document_HeaderNamesEveryRoleInOrder()
    {
        var header = DocumentedRows()[0];

        Assert.Equal(["operation", .. RoleNames.All.Select(r => r.ToName())], header);
    }

    [Fact]
    public void Document_EveryCell_MatchesTheCode()
    {
        var rows = DocumentedRows().Skip(2).ToList();

        Assert.Equal(RoleRights.Operations.Select(o => o.ToCode()), rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var operation = RoleRights.Operations.Single(o => o.ToCode() == row[0]);
            for (var i = 0; i < RoleNames.All.Count; i++)
            {
                Assert.True(
                    RoleRights.ScopeOf(RoleNames.All[i], operation).ToCode() == row[i + 1],
                    $"{row[0]} / {RoleNames.All[i].ToName()}: the document says {row[i + 1]}, the code {RoleRights.ScopeOf(RoleNames.All[i], operation).ToCode()}");
            }
        }
    }

    [Fact]
    public void Table_AuditorsAndAdminsHaveNoRightToRecordContent()
    {
        Assert.Equal(RightScope.None, RoleRights.ScopeOf(Role.Auditor, AccessOperation.ReadRecord));
        Assert.Equal(RightScope.None, RoleRights.ScopeOf(Role.Admin, AccessOperation.ReadRecord));
        Assert.All(RoleRights.Operations.Where(o => o != AccessOperation.ManageDirectory), o => Assert.Equal(RightScope.None, RoleRights.ScopeOf(Role.Admin, o)));
    }
}
