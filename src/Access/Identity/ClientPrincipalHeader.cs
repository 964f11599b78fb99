using System.Buffers;
using System.Text.Json;
using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Identity;

/// <summary>
/// Builds an <c>X-MS-CLIENT-PRINCIPAL</c> value the way App Service authentication would, for local development
/// (curl, tests) where no platform sits in front of the app.
/// </summary>
/// <remarks>
/// The app believes such a header only in explicit local development mode (<see cref="PrincipalHeaderTrust"/>); in
/// Azure, Easy Auth strips any client-supplied copy and writes its own. docs/authorization.md shows the curl use.
/// </remarks>
public static class ClientPrincipalHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Builds the header value for <paramref name="userKey"/> holding <paramref name="roles"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is not a well-formed id.</exception>
    public static string Build(string userKey, IEnumerable<Role> roles, string authenticationType = "aad")
    {
        IdentifierSyntax.Require(userKey, nameof(userKey));
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrEmpty(authenticationType);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("auth_typ", authenticationType);
            writer.WriteStartArray("claims");
            WriteClaim(writer, ClientPrincipalParser.ObjectIdClaimType, userKey);
            foreach (var role in roles.Distinct().Order())
            {
                WriteClaim(writer, ClientPrincipalParser.RolesClaimType, role.ToName());
            }

            writer.WriteEndArray();
            writer.WriteString("name_typ", "name");
            writer.WriteString("role_typ", ClientPrincipalParser.RolesClaimType);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    private static void WriteClaim(Utf8JsonWriter writer, string type, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("typ", type);
        writer.WriteString("val", value);
        writer.WriteEndObject();
    }
}
