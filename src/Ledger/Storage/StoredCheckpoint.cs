namespace MedLedger.Ledger.Storage;

/// <summary>A signed checkpoint as kept by a store.</summary>
/// <param name="TreeSize">The tree size the checkpoint covers.</param>
/// <param name="SignedNote">The signed note text, verbatim.</param>
public sealed record StoredCheckpoint(long TreeSize, string SignedNote);
