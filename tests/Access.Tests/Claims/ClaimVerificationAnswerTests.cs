using System.Text;
using System.Text.Json;
using MedLedger.Access.Claims;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Entries;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Receipts;
using MedLedger.Testing.Ledger;

namespace MedLedger.Access.Tests.Claims;

public sealed class ClaimVerificationAnswerTests
{
    private const string Log = "medledger.test/claims";

    private static readonly LocalCheckpointSigner Signer = LocalCheckpointSigner.Generate(Log);

    private static Receipt OneEntryReceipt(int number)
    {
        var entry = LedgerEntry.Create(Log, 0, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), TestDrafts.Create(number), LedgerHash.Zero);
        var checkpoint = new Checkpoint(Log, 1, entry.LeafHash).SignAsync(Signer, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return ReceiptBuilder.Build(entry.Bytes.Span, 0, [], checkpoint);
    }

    [Fact]
    public void ToJson_Confirmed_EmbedsBothReceiptsVerbatim()
    {
        var record = OneEntryReceipt(1);
        var decision = OneEntryReceipt(2);

        var json = ClaimVerificationAnswer.Confirmed("c-77", record, decision).ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["claimId", "verified", "reasons", "receipts"], root.EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal(0, root.GetProperty("reasons").GetArrayLength());
        var receipts = root.GetProperty("receipts");
        Assert.Equal(Encoding.UTF8.GetString(record.ToJson()), receipts.GetProperty("record").GetRawText());
        Assert.True(Receipt.TryParse(Encoding.UTF8.GetBytes(receipts.GetProperty("consentDecision").GetRawText()), out var parsed, out _));
        Assert.Equal(decision.Entry.ToArray(), parsed.Entry.ToArray());
    }

    [Fact]
    public void ToJson_Refuted_ListsReasonCodesSortedAndDistinct()
    {
        var answer = ClaimVerificationAnswer.Refuted("c-77", [ClaimVerificationReason.ConsentRevoked, ClaimVerificationReason.RecordHashMismatch, ClaimVerificationReason.ConsentRevoked]);

        using var document = JsonDocument.Parse(answer.ToJson());

        Assert.False(document.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(["record-hash-mismatch", "consent-revoked"], document.RootElement.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("receipts").GetProperty("record").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("receipts").GetProperty("consentDecision").ValueKind);
    }

    [Fact]
    public void Refuted_WithoutReasons_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClaimVerificationAnswer.Refuted("c-77", []));
    }

    [Fact]
    public void EveryReason_HasADistinctCode()
    {
        var codes = Enum.GetValues<ClaimVerificationReason>().Select(ClaimVerificationAnswer.ToCode).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(-[a-z]+)*$", c));
    }
}
