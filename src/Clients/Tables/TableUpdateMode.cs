namespace MedLedger.Clients.Tables;

/// <summary>How an update treats properties the new entity does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>Replace: the stored entity becomes exactly the new one (PUT).</summary>
    Replace,

    /// <summary>Merge: the new properties are added or overwritten, the others kept (PATCH/MERGE).</summary>
    Merge,
}
