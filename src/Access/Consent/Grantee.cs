using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Consent;

/// <summary>The party a consent grants to: an organization or a single user.</summary>
public sealed record Grantee
{
    private Grantee(GranteeKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary>Gets whether the grantee is an organization or a user.</summary>
    public GranteeKind Kind { get; }

    /// <summary>Gets the organization id or user key.</summary>
    public string Id { get; }

    /// <summary>Names an organization.</summary>
    /// <exception cref="ArgumentException"><paramref name="organizationId"/> is malformed.</exception>
    public static Grantee Organization(string organizationId) =>
        new(GranteeKind.Organization, IdentifierSyntax.Require(organizationId, nameof(organizationId)));

    /// <summary>Names a user.</summary>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is malformed.</exception>
    public static Grantee User(string userKey) => new(GranteeKind.User, IdentifierSyntax.Require(userKey, nameof(userKey)));

    /// <summary>Names a grantee of either kind.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is malformed.</exception>
    public static Grantee Of(GranteeKind kind, string id) => kind switch
    {
        GranteeKind.Organization => Organization(id),
        GranteeKind.User => User(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined grantee kind."),
    };

    /// <summary>Gets the kind's wire code: <c>organization</c> or <c>user</c>.</summary>
    public string KindCode => Kind == GranteeKind.Organization ? "organization" : "user";
}
