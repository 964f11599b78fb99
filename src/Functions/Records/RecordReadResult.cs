namespace MedLedger.Functions.Records;

/// <summary>The outcome of a record read that reached a decision (storage failures throw instead).</summary>
/// <param name="Status">How the read ended.</param>
/// <param name="Content">The plaintext, only when <see cref="RecordReadStatus.Released"/>.</param>
/// <param name="ContentType">The media type the record was submitted with, when released.</param>
/// <param name="ReadEventId">The id of the <c>record.read</c> event logged for this read, when released.</param>
internal sealed record RecordReadResult(RecordReadStatus Status, ReadOnlyMemory<byte> Content, string? ContentType, string? ReadEventId)
{
    public static RecordReadResult NotFound { get; } = new(RecordReadStatus.NotFound, default, null, null);

    public static RecordReadResult IntegrityFailure { get; } = new(RecordReadStatus.IntegrityFailure, default, null, null);

    public static RecordReadResult DecryptionFailure { get; } = new(RecordReadStatus.DecryptionFailure, default, null, null);

    public static RecordReadResult Released(ReadOnlyMemory<byte> content, string contentType, string readEventId) =>
        new(RecordReadStatus.Released, content, contentType, readEventId);
}
