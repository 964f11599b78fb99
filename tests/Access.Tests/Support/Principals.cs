using System.Text;

namespace MedLedger.Access.Tests.Support;

/// <summary>Builds raw X-MS-CLIENT-PRINCIPAL values by hand (independently of ClientPrincipalHeader).</summary>
internal static class Principals
{
    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static string Json(string authType, string claims, string roleType = "roles") =>
        $$"""{"auth_typ":"{{authType}}","claims":[{{claims}}],"name_typ":"name","role_typ":"{{roleType}}"}""";

    public static string Claim(string type, string value) => $$"""{"typ":"{{type}}","val":"{{value}}"}""";
}
