namespace MedLedger.Access.Identity;

/// <summary>The wire names of <see cref="Role"/>: <c>clinician</c>, <c>patient</c>, <c>insurer</c>, <c>auditor</c>, <c>admin</c>.</summary>
/// <remarks>Matching is exact and case-sensitive, as Entra ID app role values are.</remarks>
public static class RoleNames
{
    /// <summary>Every role in declaration order.</summary>
    public static IReadOnlyList<Role> All { get; } = [Role.Clinician, Role.Patient, Role.Insurer, Role.Auditor, Role.Admin];

    /// <summary>Gets the wire name of <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not a defined role.</exception>
    public static string ToName(this Role role) => role switch
    {
        Role.Clinician => "clinician",
        Role.Patient => "patient",
        Role.Insurer => "insurer",
        Role.Auditor => "auditor",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined role."),
    };

    /// <summary>Maps a wire name to its role; null for any other text.</summary>
    public static Role? Parse(string? name) => name switch
    {
        "clinician" => Role.Clinician,
        "patient" => Role.Patient,
        "insurer" => Role.Insurer,
        "auditor" => Role.Auditor,
        "admin" => Role.Admin,
        _ => null,
    };
}
