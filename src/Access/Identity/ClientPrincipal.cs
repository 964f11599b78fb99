namespace MedLedger.Access.Identity;

/// <summary>The caller as App Service authentication (Easy Auth) describes it in <c>X-MS-CLIENT-PRINCIPAL</c>, reduced to what we use.</summary>
/// <param name="AuthenticationType">The provider (<c>auth_typ</c>), for example <c>aad</c>.</param>
/// <param name="UserKey">The caller's stable id: the Entra object id claim.</param>
/// <param name="Roles">The known roles among the caller's role claims; other role values are dropped.</param>
public sealed record ClientPrincipal(string AuthenticationType, string UserKey, IReadOnlySet<Role> Roles);
