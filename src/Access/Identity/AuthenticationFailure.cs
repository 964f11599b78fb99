namespace MedLedger.Access.Identity;

/// <summary>Why a request is unauthenticated. Every value answers 401; the distinction is for logs and alerts.</summary>
public enum AuthenticationFailure
{
    /// <summary>The header cannot be believed here (<see cref="PrincipalHeaderTrust.Untrusted"/>); a header that is present anyway may be a forgery attempt.</summary>
    HeaderNotTrusted,

    /// <summary>No principal header (anonymous caller).</summary>
    HeaderMissing,

    /// <summary>The header is present but unusable (<see cref="ClientPrincipalError"/>).</summary>
    HeaderInvalid,
}
