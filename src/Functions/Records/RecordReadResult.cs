using MedLedger.Functions.Access;

namespace MedLedger.Functions.Records;

/// <summary>The outcome of a record read that reached a decision (storage failures throw instead).</summary>
/// <param name="Status">How the read ended.</param>
/// <param name="Content">The plaintext, only when <see cref="RecordReadStatus.Released"/>.</param>
/// <param name="ContentType">The media type the record was submitted with, when released.</param>
/// <param name="Decision">The logged decision (every read has one, permitted or refused).</param>
internal sealed record RecordReadResult(RecordReadStatus Status, ReadOnlyMemory<byte> Content, string? ContentType, GateDecision Decision)
{
    public static RecordReadResult Refused(GateDecision decision) => new(RecordReadStatus.NotFound, default, null, decision);

    public static RecordReadResult IntegrityFailure(GateDecision decision) => new(RecordReadStatus.IntegrityFailure, default, null, decision);

    public static RecordReadResult DecryptionFailure(GateDecision decision) => new(RecordReadStatus.DecryptionFailure, default, null, decision);

    public static RecordReadResult Released(ReadOnlyMemory<byte> content, string contentType, GateDecision decision) =>
        new(RecordReadStatus.Released, content, contentType, decision);
}
