using System.Globalization;
using System.Text;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;
using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Queues;

/// <summary>A storage queue: create it, send, receive, peek, delete, change visibility, move to the poison queue.</summary>
/// <remarks>
/// Message text is base64 of the UTF-8 payload by default, as the Azure Functions queue trigger expects
/// (<c>messageEncoding: base64</c>; shared/reference/azure-protocols.md §1.10, §4). Methods are virtual so a test
/// double or the official SDK can stand in. Service failures throw <see cref="RequestFailedException"/>.
/// </remarks>
public class QueueClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceEndpoint;

    /// <summary>Creates a client for one queue; <see cref="StorageAccount.GetQueueClient"/> shares pipelines.</summary>
    public QueueClient(
        StorageConnection connection,
        string queueName,
        QueueMessageEncoding encoding = QueueMessageEncoding.Base64,
        StorageClientOptions? options = null)
        : this(
            connection?.QueueEndpoint ?? throw new ArgumentException("The connection has no Queue endpoint.", nameof(connection)),
            queueName,
            encoding,
            StoragePipelineFactory.Create(connection, StorageService.Queue, options ?? new StorageClientOptions()))
    {
    }

    internal QueueClient(Uri serviceEndpoint, string queueName, QueueMessageEncoding encoding, HttpPipeline pipeline)
    {
        QueueNames.Validate(queueName);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding));
        }

        _serviceEndpoint = serviceEndpoint;
        _pipeline = pipeline;
        Name = queueName;
        Encoding = encoding;
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        _pipeline = null!;
        _serviceEndpoint = null!;
        Name = null!;
    }

    /// <summary>Gets the queue name.</summary>
    public string Name { get; }

    /// <summary>Gets the message encoding.</summary>
    public QueueMessageEncoding Encoding { get; }

    /// <summary>Gets the name of this queue's poison queue (<c>NAME-poison</c>).</summary>
    public string PoisonQueueName => Name + QueueLimits.PoisonQueueSuffix;

    /// <summary>Creates the queue unless it exists.</summary>
    /// <returns>True when this call created it.</returns>
    public virtual async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        QueueUri(message.Request);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            204 => false,
            409 when StorageErrors.Parse(response).Code == "QueueAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(response, $"Creating queue '{Name}'"),
        };
    }

    /// <summary>Sends a text message (encoded per <see cref="Encoding"/>).</summary>
    /// <param name="messageText">The payload; UTF-8 encoded, then base64 encoded when the queue uses base64.</param>
    /// <param name="visibilityDelay">How long receivers wait before seeing it (whole seconds, 0 to 7 days; default 0).</param>
    /// <param name="timeToLive">How long it lives (whole seconds; <see cref="Timeout.InfiniteTimeSpan"/> for ever; default 7 days).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="ArgumentException">The encoded message exceeds <see cref="QueueLimits.MaxMessageTextBytes"/>, or
    /// the text holds characters XML cannot carry (without base64); nothing is sent.</exception>
    public virtual Task<QueueSendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendRawAsync(Encode(messageText), visibilityDelay, timeToLive, cancellationToken);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">1 to 32.</param>
    /// <param name="visibilityTimeout">Whole seconds, 1 second to 7 days (default: the service's 30 seconds).</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The messages, possibly none.</returns>
    public virtual async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, QueueLimits.MaxMessagesPerReceive);
        var visibility = visibilityTimeout is { } v ? Seconds(v, TimeSpan.FromSeconds(1), QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout)) : (int?)null;

        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        MessagesUri(message.Request);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        if (visibility is { } seconds)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Receiving messages from queue '{Name}'");
        }

        return QueueMessageXml.Messages(response.Content).Select(m =>
        {
            var raw = QueueMessageXml.Text(m, "MessageText");
            return new QueueMessage(
                QueueMessageXml.Text(m, "MessageId"),
                QueueMessageXml.Text(m, "PopReceipt"),
                long.Parse(QueueMessageXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
                QueueMessageXml.Time(m, "InsertionTime"),
                QueueMessageXml.Time(m, "ExpirationTime"),
                QueueMessageXml.Time(m, "TimeNextVisible"),
                raw,
                Decode(raw));
        }).ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    public virtual async Task<IReadOnlyList<QueuePeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, QueueLimits.MaxMessagesPerReceive);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        MessagesUri(message.Request);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Peeking messages in queue '{Name}'");
        }

        return QueueMessageXml.Messages(response.Content).Select(m =>
        {
            var raw = QueueMessageXml.Text(m, "MessageText");
            return new QueuePeekedMessage(
                QueueMessageXml.Text(m, "MessageId"),
                long.Parse(QueueMessageXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
                QueueMessageXml.Time(m, "InsertionTime"),
                QueueMessageXml.Time(m, "ExpirationTime"),
                raw,
                Decode(raw));
        }).ToList();
    }

    /// <summary>Deletes a received message.</summary>
    /// <exception cref="RequestFailedException">400 <c>PopReceiptMismatch</c> when the receipt is stale (someone
    /// received or updated it since); 404 <c>MessageNotFound</c> when it is gone.</exception>
    public virtual async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Delete;
        MessageUri(message.Request, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"Deleting message '{messageId}' from queue '{Name}'");
        }
    }

    /// <summary>Hides a received message for <paramref name="visibilityTimeout"/> from now (0 makes it visible at once).</summary>
    /// <returns>The new pop receipt (the old one is stale) and the new visibility time.</returns>
    /// <exception cref="RequestFailedException">400 <c>PopReceiptMismatch</c> or 404 <c>MessageNotFound</c>.</exception>
    public virtual async Task<QueueUpdateReceipt> UpdateVisibilityAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var seconds = Seconds(visibilityTimeout, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        MessageUri(message.Request, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", seconds.ToString(CultureInfo.InvariantCulture));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204
            || !response.Headers.TryGetValue("x-ms-popreceipt", out var receipt)
            || !response.Headers.TryGetValue("x-ms-time-next-visible", out var next))
        {
            throw StorageErrors.CreateException(response, $"Updating message '{messageId}' in queue '{Name}'");
        }

        return new QueueUpdateReceipt(receipt, QueueMessageXml.ParseTime(next));
    }

    /// <summary>Moves a received message to <see cref="PoisonQueueName"/>: sends its original text there
    /// (creating the poison queue if needed), then deletes it here.</summary>
    /// <remarks>At-least-once: if the delete fails (stale receipt), the message is in both queues and the
    /// exception says so through its status.</remarks>
    public virtual async Task MoveToPoisonQueueAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poison = new QueueClient(_serviceEndpoint, PoisonQueueName, Encoding, _pipeline);
        await poison.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendRawAsync(message.RawText, null, null, cancellationToken).ConfigureAwait(false);
        await DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QueueSendReceipt> SendRawAsync(
        string wireText, TimeSpan? visibilityDelay, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var size = System.Text.Encoding.UTF8.GetByteCount(wireText);
        if (size > QueueLimits.MaxMessageTextBytes)
        {
            throw new ArgumentException(
                Encoding == QueueMessageEncoding.Base64
                    ? $"The message is {size} bytes once base64-encoded; a queue message holds at most {QueueLimits.MaxMessageTextBytes} bytes "
                      + $"({QueueLimits.MaxBase64PayloadBytes} bytes of payload before base64)."
                    : $"The message is {size} bytes; a queue message holds at most {QueueLimits.MaxMessageTextBytes} bytes.",
                "messageText");
        }

        var delay = visibilityDelay is { } d ? Seconds(d, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, nameof(visibilityDelay)) : (int?)null;
        int? ttl = timeToLive is { } t
            ? t == Timeout.InfiniteTimeSpan ? -1 : Seconds(t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(int.MaxValue), nameof(timeToLive))
            : null;
        if (delay is { } dv && ttl is { } tv && tv != -1 && dv >= tv)
        {
            throw new ArgumentException("The visibility delay must be shorter than the time-to-live.", nameof(visibilityDelay));
        }

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        MessagesUri(request);
        if (delay is { } delaySeconds)
        {
            request.Uri.AppendQuery("visibilitytimeout", delaySeconds.ToString(CultureInfo.InvariantCulture));
        }

        if (ttl is { } ttlSeconds)
        {
            request.Uri.AppendQuery("messagettl", ttlSeconds.ToString(CultureInfo.InvariantCulture));
        }

        request.Headers.SetValue(StorageHeaders.ContentType, "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(System.Text.Encoding.UTF8.GetBytes(QueueMessageXml.Request(wireText)));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrors.CreateException(response, $"Sending a message to queue '{Name}'");
        }

        var sent = QueueMessageXml.Messages(response.Content).FirstOrDefault()
            ?? throw new FormatException("The queue answered a sent message without a QueueMessage element.");
        return new QueueSendReceipt(
            QueueMessageXml.Text(sent, "MessageId"),
            QueueMessageXml.Text(sent, "PopReceipt"),
            QueueMessageXml.Time(sent, "InsertionTime"),
            QueueMessageXml.Time(sent, "ExpirationTime"),
            QueueMessageXml.Time(sent, "TimeNextVisible"));
    }

    private string Encode(string messageText)
    {
        if (Encoding == QueueMessageEncoding.Base64)
        {
            byte[] bytes;
            try
            {
                bytes = new UTF8Encoding(false, true).GetBytes(messageText);
            }
            catch (EncoderFallbackException)
            {
                throw new ArgumentException("The message text is not well-formed UTF-16 (unpaired surrogate).", nameof(messageText));
            }

            return Convert.ToBase64String(bytes);
        }

        try
        {
            XmlConvert.VerifyXmlChars(messageText);
        }
        catch (XmlException)
        {
            throw new ArgumentException(
                "The message text holds characters XML cannot carry; use base64 encoding.", nameof(messageText));
        }

        return messageText;
    }

    private BinaryData? Decode(string raw)
    {
        if (Encoding == QueueMessageEncoding.None)
        {
            return BinaryData.FromString(raw);
        }

        var buffer = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, buffer, out var written) ? BinaryData.FromBytes(buffer.AsMemory(0, written)) : null;
    }

    private static int Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string parameter)
    {
        if (value < min || value > max || value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"Must be whole seconds between {min} and {max}.");
        }

        return (int)value.TotalSeconds;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private void QueueUri(Request request)
    {
        request.Uri.Reset(_serviceEndpoint);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(Name, escape: true);
    }

    private void MessagesUri(Request request)
    {
        QueueUri(request);
        request.Uri.AppendPath("/messages", escape: false);
    }

    private void MessageUri(Request request, string messageId)
    {
        MessagesUri(request);
        request.Uri.AppendPath("/", escape: false);
        request.Uri.AppendPath(messageId, escape: true);
    }
}
