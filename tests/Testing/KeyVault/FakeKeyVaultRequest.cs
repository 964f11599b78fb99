using System.Net;

namespace MedLedger.Testing.KeyVault;

/// <summary>One request the fake vault received and how it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The URL path.</param>
/// <param name="Authenticated">Whether it carried a valid bearer token.</param>
/// <param name="HadBody">Whether it carried a body.</param>
/// <param name="Status">The status the fake answered.</param>
public sealed record FakeKeyVaultRequest(string Method, string Path, bool Authenticated, bool HadBody, HttpStatusCode Status);
