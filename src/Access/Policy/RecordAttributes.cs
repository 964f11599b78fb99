using MedLedger.Access.Consent;
using MedLedger.Access.Identifiers;

namespace MedLedger.Access.Policy;

/// <summary>What the policy needs to know about a record: who submitted it and its category.</summary>
public sealed record RecordAttributes
{
    /// <summary>Creates record attributes.</summary>
    /// <exception cref="ArgumentException"><paramref name="submittingOrganizationId"/> is malformed.</exception>
    public RecordAttributes(string submittingOrganizationId, RecordCategory category)
    {
        SubmittingOrganizationId = IdentifierSyntax.Require(submittingOrganizationId, nameof(submittingOrganizationId));
        Category = category;
    }

    /// <summary>Gets the clinic that submitted the record.</summary>
    public string SubmittingOrganizationId { get; }

    /// <summary>Gets the record's category.</summary>
    public RecordCategory Category { get; }
}
