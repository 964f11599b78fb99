namespace MedLedger.Functions.Endpoints;

/// <summary>The body of <c>GET /api/ledger/proofs/consistency</c>.</summary>
/// <param name="Log">The log (the origin of its checkpoints).</param>
/// <param name="From">The smaller tree size.</param>
/// <param name="To">The larger tree size.</param>
/// <param name="Proof">The RFC 9162 §2.1.4 consistency proof, each hash in base64.</param>
public sealed record ConsistencyProofResponse(string Log, long From, long To, IReadOnlyList<string> Proof);
