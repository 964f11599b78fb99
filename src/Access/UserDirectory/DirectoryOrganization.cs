namespace MedLedger.Access.UserDirectory;

/// <summary>An organization known to the directory.</summary>
/// <param name="Id">The organization id (<c>clinic-a</c>).</param>
/// <param name="Kind">A clinic or an insurer.</param>
public sealed record DirectoryOrganization(string Id, OrganizationKind Kind);
