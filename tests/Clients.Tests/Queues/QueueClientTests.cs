using System.Text;
using Azure;
using MedLedger.Clients.Queues;
using MedLedger.Testing.Azurite;

namespace MedLedger.Clients.Tests.Queues;

public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var queue = azurite.CreateAccount().GetQueueClient(UniqueNames.Queue(), encoding);
        Assert.True(await queue.CreateIfNotExistsAsync(Ct));
        return queue;
    }

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse()
    {
        var queue = azurite.CreateAccount().GetQueueClient(UniqueNames.Queue());

        Assert.True(await queue.CreateIfNotExistsAsync(Ct));
        Assert.False(await queue.CreateIfNotExistsAsync(Ct));
    }

    [Fact]
    public async Task SendMessage_Base64_StoresBase64OfUtf8AndReceiveDecodes()
    {
        var queue = await NewQueueAsync();
        const string payload = "{\"eventId\":\"e-1\",\"note\":\"Befund <ok> & 'quoted' 😀\"}";

        var sent = await queue.SendMessageAsync(payload, cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), Ct));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)), received.RawText);
        Assert.Equal(payload, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.False(string.IsNullOrEmpty(received.PopReceipt));
        Assert.True(received.NextVisibleOn > received.InsertionTime);
        Assert.True(received.ExpirationTime > received.InsertionTime);
    }

    [Fact]
    public async Task SendMessage_NoneEncoding_StoresTextVerbatim()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.None);

        await queue.SendMessageAsync("plain <xml> & text", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));

        Assert.Equal("plain <xml> & text", received.RawText);
        Assert.Equal("plain <xml> & text", received.MessageText);
    }

    [Fact]
    public async Task ReceiveMessages_NotBase64_BodyIsNullAndRawTextKept()
    {
        var name = UniqueNames.Queue();
        var raw = azurite.CreateAccount().GetQueueClient(name, QueueMessageEncoding.None);
        await raw.CreateIfNotExistsAsync(Ct);
        await raw.SendMessageAsync("not base64 !", cancellationToken: Ct);

        var received = Assert.Single(await azurite.CreateAccount().GetQueueClient(name).ReceiveMessagesAsync(cancellationToken: Ct));

        Assert.Null(received.Body);
        Assert.Null(received.MessageText);
        Assert.Equal("not base64 !", received.RawText);
    }

    [Fact]
    public async Task SendMessage_MaxBase64Payload_Succeeds()
    {
        var queue = await NewQueueAsync();
        var payload = new string('x', QueueLimits.MaxBase64PayloadBytes);

        await queue.SendMessageAsync(payload, cancellationToken: Ct);

        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));
        Assert.Equal(payload, received.MessageText);
        Assert.Equal(QueueLimits.MaxMessageTextBytes, received.RawText.Length);
    }

    [Fact]
    public async Task SendMessage_OverLimit_ThrowsBeforeSending()
    {
        var queue = await NewQueueAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => queue.SendMessageAsync(new string('x', QueueLimits.MaxBase64PayloadBytes + 1), cancellationToken: Ct));

        Assert.Contains("65540 bytes once base64-encoded", error.Message, StringComparison.Ordinal);
        Assert.Contains("49152", error.Message, StringComparison.Ordinal);
        Assert.Empty(await queue.PeekMessagesAsync(32, Ct));
    }

    [Fact]
    public async Task SendMessage_NoneEncodingWithXmlInvalidCharacter_Throws()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.None);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("bad \u0001 char", cancellationToken: Ct));
    }

    [Fact]
    public async Task SendMessage_VisibilityDelay_HidesMessageUntilThen()
    {
        var queue = await NewQueueAsync();

        await queue.SendMessageAsync("later", TimeSpan.FromMinutes(5), cancellationToken: Ct);

        Assert.Empty(await queue.ReceiveMessagesAsync(32, cancellationToken: Ct));
    }

    [Fact]
    public async Task SendMessage_DelayNotShorterThanTtl_Throws()
    {
        var queue = await NewQueueAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("x", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task ReceiveMessages_Count_ReturnsUpToCountAndHidesThem()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendMessageAsync($"m{i}", cancellationToken: Ct);
        }

        var first = await queue.ReceiveMessagesAsync(3, TimeSpan.FromMinutes(1), Ct);
        var second = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), Ct);
        var third = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], first.Concat(second).Select(m => m.MessageText).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task ReceiveMessages_CountOutOfRange_Throws(int count)
    {
        var queue = azurite.CreateAccount().GetQueueClient(UniqueNames.Queue());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(count, cancellationToken: Ct));
    }

    [Fact]
    public async Task ReceiveMessages_FractionalVisibility_Throws()
    {
        var queue = azurite.CreateAccount().GetQueueClient(UniqueNames.Queue());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(1, TimeSpan.FromMilliseconds(1500), Ct));
    }

    [Fact]
    public async Task DeleteMessage_CurrentReceipt_RemovesMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("x", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));

        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct));
        Assert.Equal(404, error.Status);
        Assert.Equal("MessageNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteMessage_StalePopReceipt_Throws400PopReceiptMismatch()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("x", cancellationToken: Ct);
        var first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), Ct));
        var update = await queue.UpdateVisibilityAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, Ct);
        var second = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), Ct));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
        Assert.NotEqual(first.PopReceipt, update.PopReceipt);
        Assert.Equal(2, second.DequeueCount);
        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt, Ct);
    }

    [Fact]
    public async Task UpdateVisibility_ExtendsHiding_AndNewReceiptDeletes()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("x", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct));

        var update = await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(10), Ct);

        Assert.True(update.NextVisibleOn > received.NextVisibleOn);
        Assert.Empty(await queue.PeekMessagesAsync(32, Ct));
        await queue.DeleteMessageAsync(received.MessageId, update.PopReceipt, Ct);
    }

    [Fact]
    public async Task UpdateVisibility_MessageGone_Throws404()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("x", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("MessageNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task PeekMessages_DoesNotHideOrCount()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("peeked", cancellationToken: Ct);

        var peeked = Assert.Single(await queue.PeekMessagesAsync(1, Ct));
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));

        Assert.Equal("peeked", peeked.MessageText);
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(peeked.MessageId, received.MessageId);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task MoveToPoisonQueue_SendsOriginalTextAndDeletesOriginal()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("{\"bad\":true}", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));

        await queue.MoveToPoisonQueueAsync(received, Ct);

        var poison = azurite.CreateAccount().GetQueueClient(queue.PoisonQueueName);
        var moved = Assert.Single(await poison.ReceiveMessagesAsync(32, cancellationToken: Ct));
        Assert.Equal(received.RawText, moved.RawText);
        Assert.Equal("{\"bad\":true}", moved.MessageText);
        Assert.Empty(await queue.PeekMessagesAsync(32, Ct));
        Assert.Equal(queue.Name + "-poison", queue.PoisonQueueName);
    }

    [Fact]
    public async Task MoveToPoisonQueue_UndecodableMessage_KeepsRawText()
    {
        var name = UniqueNames.Queue();
        var raw = azurite.CreateAccount().GetQueueClient(name, QueueMessageEncoding.None);
        await raw.CreateIfNotExistsAsync(Ct);
        await raw.SendMessageAsync("###", cancellationToken: Ct);
        var queue = azurite.CreateAccount().GetQueueClient(name);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));

        await queue.MoveToPoisonQueueAsync(received, Ct);

        var moved = Assert.Single(await azurite.CreateAccount().GetQueueClient(name + "-poison", QueueMessageEncoding.None).PeekMessagesAsync(1, Ct));
        Assert.Equal("###", moved.RawText);
    }

    [Fact]
    public async Task MoveToPoisonQueue_StaleReceipt_ThrowsAfterCopying()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("x", cancellationToken: Ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: Ct));
        await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(1), Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.MoveToPoisonQueueAsync(received, Ct));

        // At-least-once: the copy is in the poison queue, the original is still in the queue.
        Assert.Equal(400, error.Status);
        Assert.Single(await azurite.CreateAccount().GetQueueClient(queue.PoisonQueueName).PeekMessagesAsync(32, Ct));
    }

    [Fact]
    public async Task SendMessage_QueueMissing_Throws404QueueNotFound()
    {
        var queue = azurite.CreateAccount().GetQueueClient(UniqueNames.Queue());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x", cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("a--b")]
    [InlineData("under_score")]
    public void GetQueueClient_InvalidName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.CreateAccount().GetQueueClient(name));
    }
}
