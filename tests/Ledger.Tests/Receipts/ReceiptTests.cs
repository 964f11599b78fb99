using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Ledger.Checkpoints;
using MedLedger.Ledger.Hashing;
using MedLedger.Ledger.Receipts;
using MedLedger.Ledger.Tests.Support;

namespace MedLedger.Ledger.Tests.Receipts;

public sealed class ReceiptTests
{
    private static readonly TestLog Log = TestLog.Thousand;

    private static Receipt Build(int size, int index)
    {
        var leaves = Log.Entries.Take(size).Select(e => MerkleHash.Leaf(e)).ToList();
        return ReceiptBuilder.Build(Log.Entries[index], index, NaiveProofs.Inclusion(leaves, index), Log.CheckpointAt(size));
    }

    private static string Json(int size = 7, int index = 3) => Encoding.UTF8.GetString(Build(size, index).ToJson());

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(7, 3)]
    [InlineData(7, 6)]
    [InlineData(256, 255)]
    [InlineData(1000, 517)]
    public void BuildThenVerify_IsValid(int size, int index)
    {
        var receipt = Build(size, index);

        var result = ReceiptVerifier.Verify(receipt.ToJson(), [TestLog.Key], TestLog.Name);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(index, result.Entry.Sequence);
        Assert.Equal(size, result.Checkpoint.TreeSize);
    }

    [Fact]
    public void ToJson_HasTheExactV1Layout()
    {
        var receipt = Build(7, 3);
        var json = Encoding.UTF8.GetString(receipt.ToJson());

        var expected = "{\"format\":\"medledger-receipt/v1\",\"log\":\"medledger.test/log-0\",\"index\":3,\"entry\":\""
            + Convert.ToBase64String(Log.Entries[3]) + "\",\"inclusionProof\":["
            + string.Join(",", receipt.InclusionProof.Select(h => "\"" + h.ToBase64() + "\""))
            + "],\"checkpoint\":\"" + receipt.Checkpoint.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}";
        Assert.Equal(expected, json);
        Assert.Contains("\\n\\n— medledger.test/log-0 ", json, StringComparison.Ordinal);
        Assert.True(Receipt.TryParse(receipt.ToJson(), out var parsed, out var error), error);
        Assert.Equal(receipt.ToJson(), parsed.ToJson());
    }

    [Fact]
    public void Verify_WrongKey_IsUnknownKey()
    {
        using var stranger = LocalCheckpointSigner.Generate(TestLog.Name);
        using var key = stranger.CreateVerifierKey();

        Assert.Equal(ReceiptFault.UnknownKey, ReceiptVerifier.Verify(Json(), [key]).Fault);
    }

    [Theory]
    [InlineData("\\n7\\n", "\\n8\\n", ReceiptFault.BadSignature)]
    [InlineData("\"index\":3", "\"index\":7", ReceiptFault.IndexOutOfRange)]
    [InlineData("\"index\":3", "\"index\":9223372036854775807", ReceiptFault.IndexOutOfRange)]
    [InlineData("\"index\":3", "\"index\":2", ReceiptFault.IndexMismatch)]
    [InlineData("\"log\":\"medledger.test/log-0\"", "\"log\":\"medledger.test/log-1\"", ReceiptFault.LogMismatch)]
    [InlineData("\"format\":\"medledger-receipt/v1\"", "\"format\":\"medledger-receipt/v2\"", ReceiptFault.UnsupportedFormat)]
    [InlineData("\"format\":\"medledger-receipt/v1\",", "", ReceiptFault.UnsupportedFormat)]
    [InlineData("\"index\":3", "\"index\":3,\"extra\":1", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3", "\"index\":3,\"index\":3", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3,", "", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3", "\"index\":-3", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3", "\"index\":3.0", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3", "\"index\":\"3\"", ReceiptFault.MalformedReceipt)]
    [InlineData("\"index\":3", "\"index\": 3", ReceiptFault.MalformedReceipt)]
    [InlineData("\"log\":\"medledger.test/log-0\",\"index\":3", "\"index\":3,\"log\":\"medledger.test/log-0\"", ReceiptFault.MalformedReceipt)]
    [InlineData("—", "\\u2014", ReceiptFault.MalformedReceipt)]
    [InlineData("\"inclusionProof\":[", "\"inclusionProof\":[\"AAAA\",", ReceiptFault.MalformedReceipt)]
    [InlineData("\"entry\":\"", "\"entry\":\"!", ReceiptFault.MalformedReceipt)]
    [InlineData("\"checkpoint\":\"", "\"checkpoint\":\"x", ReceiptFault.BadSignature)]
    [InlineData("\"checkpoint\":\"", "\"checkpoint\":\"\\r", ReceiptFault.MalformedCheckpoint)]
    [InlineData("{", "[", ReceiptFault.MalformedReceipt)]
    public void Verify_AlteredReceipt_NamesWhatFailed(string from, string to, ReceiptFault expected)
    {
        var json = Json();
        Assert.Contains(from, json, StringComparison.Ordinal);
        var at = json.IndexOf(from, StringComparison.Ordinal);

        var result = ReceiptVerifier.Verify(json[..at] + to + json[(at + from.Length)..], [TestLog.Key]);

        Assert.Equal(expected, result.Fault);
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Message);
    }

    [Fact]
    public void Verify_ExpectedLogDiffers_IsLogMismatch()
    {
        Assert.Equal(ReceiptFault.LogMismatch, ReceiptVerifier.Verify(Json(), [TestLog.Key], "medledger.test/log-9").Fault);
    }

    [Fact]
    public void Verify_WrongEntryOrProof_IsNotIncludedOrMalformed()
    {
        var receipt = Build(7, 3);
        var proof = receipt.InclusionProof.ToList();
        string Variant(byte[] entry, IEnumerable<LedgerHash> hashes) => Encoding.UTF8.GetString(
            new Receipt(receipt.Log, 3, entry, hashes.ToList(), receipt.Checkpoint).ToJson());
        var otherEntry = TestLog.Rewrite(Log.Entries, 3, content: 999);

        Assert.Equal(ReceiptFault.NotIncluded, ReceiptVerifier.Verify(Variant(otherEntry, proof), [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.NotIncluded, ReceiptVerifier.Verify(Variant(Log.Entries[3], proof.Skip(1)), [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.NotIncluded, ReceiptVerifier.Verify(Variant(Log.Entries[3], [.. proof, proof[0]]), [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.NotIncluded, ReceiptVerifier.Verify(Variant(Log.Entries[3], [LedgerHash.Zero, .. proof.Skip(1)]), [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.MalformedEntry, ReceiptVerifier.Verify(Variant("{}"u8.ToArray(), proof), [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.MalformedReceipt, ReceiptVerifier.Verify(Variant(Log.Entries[3], Enumerable.Repeat(LedgerHash.Zero, 65)), [TestLog.Key]).Fault);
    }

    [Fact]
    public void Verify_EntryFromAnotherLog_IsLogMismatch()
    {
        var receipt = Build(7, 3);
        var foreign = TestLog.Rewrite(Log.Entries, 3, log: "medledger.test/log-1");

        var json = new Receipt(receipt.Log, 3, foreign, receipt.InclusionProof, receipt.Checkpoint).ToJson();

        Assert.Equal(ReceiptFault.LogMismatch, ReceiptVerifier.Verify(json, [TestLog.Key]).Fault);
    }

    [Fact]
    public void Verify_NotUtf8OrTooLarge_IsMalformedReceipt()
    {
        var json = Encoding.UTF8.GetBytes(Json());
        json[20] = 0xFF;

        Assert.Equal(ReceiptFault.MalformedReceipt, ReceiptVerifier.Verify(json, [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.MalformedReceipt, ReceiptVerifier.Verify(new byte[Receipt.MaxReceiptBytes + 1], [TestLog.Key]).Fault);
        Assert.Equal(ReceiptFault.MalformedReceipt, ReceiptVerifier.Verify(Json() + "\n", [TestLog.Key]).Fault);
    }

    [Fact]
    public void Build_PartsThatDoNotFit_Throws()
    {
        var leaves = Log.Entries.Take(7).Select(e => MerkleHash.Leaf(e)).ToList();
        var proof = NaiveProofs.Inclusion(leaves, 3);

        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build(Log.Entries[3], 4, proof, Log.CheckpointAt(7)));
        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build(Log.Entries[3], 3, proof.Skip(1).ToList(), Log.CheckpointAt(7)));
        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build(Log.Entries[3], 3, proof, Log.CheckpointAt(3)));
        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build(Log.Entries[3], 3, proof, TestLog.Sign(Log.Entries, 7, "medledger.test/log-1")));
        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build("{}"u8, 3, proof, Log.CheckpointAt(7)));
        Assert.Throws<ArgumentException>(() => ReceiptBuilder.Build(Log.Entries[3], 3, proof, "not a note"));
    }

    [Fact]
    public void Verify_AnySingleByteChange_IsNeverValid()
    {
        var json = Encoding.UTF8.GetBytes(Json(100, 42));
        var cases = from at in Gen.Choose(0, json.Length - 1) from value in Gen.Choose(0, 255) select (at, value);

        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            var mutated = json.ToArray();
            mutated[c.at] = (byte)(c.value == json[c.at] ? c.value ^ 1 : c.value);
            return !ReceiptVerifier.Verify(mutated, [TestLog.Key]).IsValid;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void BuildThenVerify_RandomSizesAndIndexes_AreValid()
    {
        var cases = from size in Gen.Choose(1, 300) from index in Gen.Choose(0, size - 1) select (size, index);

        var property = Prop.ForAll(Arb.From(cases), c => ReceiptVerifier.Verify(Build(c.size, c.index).ToJson(), [TestLog.Key]).IsValid);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }
}
