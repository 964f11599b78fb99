namespace MedLedger.Access.Identity;

/// <summary>Whether the app may believe <c>X-MS-CLIENT-PRINCIPAL</c>, and on whose word.</summary>
public enum PrincipalHeaderTrust
{
    /// <summary>Nobody vouches for the header: every request is unauthenticated (401), whatever it carries.</summary>
    Untrusted,

    /// <summary>App Service authentication is on: the platform strips client copies and writes the header itself.</summary>
    Platform,

    /// <summary>Explicit local development mode, away from App Service: the header is simulated by the developer.</summary>
    LocalDevelopment,
}
