using MedLedger.Ledger.Hashing;

namespace MedLedger.Ledger.Verification;

/// <summary>A checkpoint whose signature has been verified: all the streaming verifier needs of it.</summary>
/// <param name="Size">The tree size it covers.</param>
/// <param name="Root">The signed root hash.</param>
/// <param name="Position">Its position among the checkpoints given, for messages (1-based).</param>
internal readonly record struct TrustedCheckpoint(long Size, LedgerHash Root, int Position);
