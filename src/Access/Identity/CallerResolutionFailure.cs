namespace MedLedger.Access.Identity;

/// <summary>Why an authenticated principal is not a caller (403: authenticated, but nobody we serve).</summary>
public enum CallerResolutionFailure
{
    /// <summary>The directory does not know the user key.</summary>
    UnknownUser,

    /// <summary>The token's roles and the directory's roles have nothing in common.</summary>
    NoRoleInCommon,
}
