using MedLedger.Access.Consent;
using MedLedger.Access.Identity;

namespace MedLedger.Access.Policy;

/// <summary>Which purposes each role may state when asking for record content.</summary>
/// <remarks>
/// clinician: TREAT, ETREAT, HOPERAT, HRESCH · patient: PATRQT · insurer: HPAYMT · auditor, admin: none (they never
/// see record content). A consent cannot widen this: an insurer named in a consent for TREAT still cannot read for
/// treatment.
/// </remarks>
public static class RolePurposes
{
    /// <summary>Gets the purposes <paramref name="role"/> may state.</summary>
    public static IReadOnlyList<PurposeOfUse> For(Role role) => role switch
    {
        Role.Clinician => [PurposeOfUse.Treatment, PurposeOfUse.EmergencyTreatment, PurposeOfUse.Operations, PurposeOfUse.Research],
        Role.Patient => [PurposeOfUse.PatientRequest],
        Role.Insurer => [PurposeOfUse.Payment],
        Role.Auditor => [],
        Role.Admin => [],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined role."),
    };

    /// <summary>
    /// Gets the purpose assumed when a caller states none: the first role (in <see cref="RoleNames.All"/> order) that has
    /// purposes gives its first — TREAT for clinicians, PATRQT for patients, HPAYMT for insurers; null for auditors and
    /// admins, who may state none. Break-glass (ETREAT) is never assumed: it must be asked for.
    /// </summary>
    public static PurposeOfUse? DefaultFor(IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet();
        return RoleNames.All.Where(held.Contains).Select(role => For(role)).FirstOrDefault(purposes => purposes.Count > 0)?[0];
    }

    /// <summary>Tells whether a caller holding <paramref name="roles"/> may state <paramref name="purpose"/>.</summary>
    public static bool Allows(IEnumerable<Role> roles, PurposeOfUse purpose)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Any(role => For(role).Contains(purpose));
    }
}
