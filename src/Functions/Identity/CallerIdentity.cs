namespace MedLedger.Functions.Identity;

/// <summary>Who is calling, as the ledger records it.</summary>
/// <param name="Actor">The pseudonymous actor id written to ledger entries (printable ASCII, no spaces).</param>
internal sealed record CallerIdentity(string Actor);
