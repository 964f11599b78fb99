using FsCheck;
using FsCheck.Fluent;
using MedLedger.Access.Consent;

namespace MedLedger.Access.Tests.Support;

/// <summary>FsCheck generators of consent terms.</summary>
internal static class TermsGen
{
    private static readonly string[] Ids = ["clinic-a", "clinic-b", "insurer-x", "dr-bo", "4e4f6a3c-2a6b-4f44-9a51-0c1d2e3f4a5b", "a", "Z9.-x"];

    public static Gen<ConsentTerms> Terms { get; } =
        from kind in Gen.Elements(GranteeKind.Organization, GranteeKind.User)
        from id in Gen.Elements(Ids)
        from actions in Gen.SubListOf(ConsentCodes.Actions.ToArray()).Where(l => l.Count > 0)
        from purposes in Gen.SubListOf(ConsentCodes.GrantablePurposes.ToArray()).Where(l => l.Count > 0)
        from categories in Gen.SubListOf(ConsentCodes.Categories.ToArray())
        from nonSensitive in Gen.Elements(true, false)
        from startSeconds in Gen.Choose(0, 400_000_000)
        from lengthSeconds in Gen.Choose(1, 100_000_000)
        where categories.Count > 0 || nonSensitive
        select ConsentTerms.Create(
            Grantee.Of(kind, id),
            actions,
            purposes,
            categories,
            nonSensitive,
            new ConsentPeriod(
                DateTimeOffset.FromUnixTimeSeconds(1_600_000_000L + startSeconds),
                DateTimeOffset.FromUnixTimeSeconds(1_600_000_000L + startSeconds + lengthSeconds)));
}
