namespace MedLedger.Ledger.Merkle;

/// <summary>A perfect subtree: the 2^<see cref="Height"/> leaves starting at leaf <c>Index × 2^Height</c>.</summary>
/// <remarks>Every node of a Merkle tree is the root of one; a tree of size n splits into one per set bit of n.</remarks>
/// <param name="Height">The subtree's height: 0 for a single leaf.</param>
/// <param name="Index">The subtree's position among the subtrees of the same height, from the left.</param>
internal readonly record struct PerfectSubtree(int Height, long Index)
{
    /// <summary>Gets the first leaf the subtree covers.</summary>
    public long Start => Index << Height;
}
