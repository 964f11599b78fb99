using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;

namespace MedLedger.Functions.Tests.Support;

/// <summary>Easy Auth principals of the demo directory's users, as the platform would send them.</summary>
public static class TestPrincipals
{
    /// <summary>The user the test clients act as unless told otherwise: a clinician of clinic-a.</summary>
    public const string DefaultUser = "dr-ada";

    private static readonly Dictionary<string, DirectoryUser> Users = DemoDirectory.Load().Users.ToDictionary(u => u.UserKey, StringComparer.Ordinal);

    /// <summary>The header value for a demo user (with the roles the directory gives), or for any user key with <paramref name="roles"/>.</summary>
    public static string Header(string userKey, params Role[] roles) =>
        ClientPrincipalHeader.Build(userKey, roles.Length > 0 ? roles : Users.TryGetValue(userKey, out var user) ? user.Roles : []);

    /// <summary>Makes <paramref name="client"/> act as <paramref name="userKey"/> (null: anonymous).</summary>
    public static HttpClient As(this HttpClient client, string? userKey)
    {
        client.DefaultRequestHeaders.Remove(ClientPrincipalHeader.Name);
        if (userKey is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(ClientPrincipalHeader.Name, Header(userKey));
        }

        return client;
    }
}
