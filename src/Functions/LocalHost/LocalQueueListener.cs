using System.Text;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.Http;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.LocalHost;

/// <summary>
/// The local host's queue trigger (shared/design.md D2): polls the queue of every queue-triggered function, builds
/// the invocation body the Functions host would post, and runs it through <see cref="InvocationDispatcher"/>.
/// It follows host.json's <c>extensions.queues</c> the way the host does (azure-protocols.md §1.8, §1.10):
/// success deletes the message; failure releases it for <c>visibilityTimeout</c>; the attempt that reaches
/// <c>maxDequeueCount</c> moves it to <c>&lt;queue&gt;-poison</c>, as does receiving it past that count.
/// </summary>
/// <remarks>Off under the Functions host and outside development mode (<see cref="LocalHostOptions.Enabled"/>).</remarks>
internal sealed partial class LocalQueueListener(
    IOptions<LocalHostOptions> options,
    TriggerFunctionRegistry registry,
    InvocationDispatcher dispatcher,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LocalQueueListener> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var functions = registry.Functions.Where(f => f.Trigger is QueueTriggerBinding).ToList();
        if (functions.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (services.GetService<ITriggerQueueClient>() is not { } queue)
        {
            LogNoQueueClient(logger, nameof(ITriggerQueueClient));
            return Task.CompletedTask;
        }

        return Task.WhenAll(functions.Select(f => ListenAsync(f, (QueueTriggerBinding)f.Trigger, queue, settings, stoppingToken)));
    }

    private async Task ListenAsync(
        TriggerFunction function, QueueTriggerBinding binding, ITriggerQueueClient queue, LocalHostOptions settings, CancellationToken stoppingToken)
    {
        var queues = settings.Queues!;
        var backoff = new PollingBackoff(queues.MaxPollingInterval);
        var inFlight = new List<Task>();
        LogListening(logger, function.Name, binding.QueueName);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<TriggerQueueMessage> batch;
                try
                {
                    batch = await queue.ReceiveMessagesAsync(
                        binding.QueueName, queues.BatchSize, settings.ProcessingVisibilityTimeout, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogQueueFailure(logger, binding.QueueName, "receive", ExceptionDescription.Describe(exception));
                    batch = [];
                }

                if (batch.Count == 0)
                {
                    await Task.Delay(backoff.Next(), time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                backoff.Reset();
                inFlight.AddRange(batch.Select(message => ProcessAsync(function, binding, queue, queues, message, stoppingToken)));

                // The host fetches a new batch once the messages in flight drop to newBatchThreshold.
                inFlight.RemoveAll(task => task.IsCompleted);
                while (inFlight.Count > queues.NewBatchThreshold)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight).ConfigureAwait(false));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: messages in flight finish or, if cancelled, reappear after their visibility timeout.
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    /// <summary>Handles one message to the end; never throws (a failure leaves the message to reappear).</summary>
    private async Task ProcessAsync(
        TriggerFunction function,
        QueueTriggerBinding binding,
        ITriggerQueueClient queue,
        HostQueueSettings queues,
        TriggerQueueMessage message,
        CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > queues.MaxDequeueCount)
            {
                // Delivered more often than allowed (for example after crashes): poisoned before it runs.
                await PoisonAsync(binding, queue, message, stoppingToken).ConfigureAwait(false);
                return;
            }

            if (!TryDecode(message.MessageText, queues.MessageEncoding, out var text))
            {
                LogUndecodable(logger, function.Name, message.MessageId, message.DequeueCount);
                await FailAsync(binding, queue, queues, message, stoppingToken).ConfigureAwait(false);
                return;
            }

            var payload = HostInvocationPayloads.ForQueueMessage(function.Name, binding, text, message, time.GetUtcNow(), Guid.NewGuid());
            var outcome = await dispatcher.DispatchAsync(function.Name, payload, Guid.NewGuid().ToString("D"), stoppingToken).ConfigureAwait(false);
            if (outcome.Succeeded)
            {
                await queue.DeleteMessageAsync(binding.QueueName, message.MessageId, message.PopReceipt, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await FailAsync(binding, queue, queues, message, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left invisible; it returns after the processing visibility timeout, like a crash would.
        }
        catch (Exception exception)
        {
            LogQueueFailure(logger, binding.QueueName, "process " + message.MessageId, ExceptionDescription.Describe(exception));
        }
    }

    private async Task FailAsync(
        QueueTriggerBinding binding, ITriggerQueueClient queue, HostQueueSettings queues, TriggerQueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount >= queues.MaxDequeueCount)
        {
            await PoisonAsync(binding, queue, message, cancellationToken).ConfigureAwait(false);
            return;
        }

        await queue.ReleaseMessageAsync(binding.QueueName, message.MessageId, message.PopReceipt, queues.VisibilityTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task PoisonAsync(QueueTriggerBinding binding, ITriggerQueueClient queue, TriggerQueueMessage message, CancellationToken cancellationToken)
    {
        LogPoisoned(logger, message.MessageId, message.DequeueCount, binding.PoisonQueueName);
        await queue.MoveToPoisonQueueAsync(binding.QueueName, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decodes stored text as the host does: base64 of UTF-8, or the text itself.</summary>
    internal static bool TryDecode(string stored, QueueMessageEncoding encoding, out string text)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            text = stored;
            return true;
        }

        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(stored));
            return true;
        }
        catch (FormatException)
        {
            text = string.Empty;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local host: {Function} listens to queue {Queue}")]
    private static partial void LogListening(ILogger logger, string function, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: no {Port} is registered, so queue triggers do not run")]
    private static partial void LogNoQueueClient(ILogger logger, string port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: queue {Queue}: {Operation} failed: {Exception}")]
    private static partial void LogQueueFailure(ILogger logger, string queue, string operation, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: {Function}: message {MessageId} (delivery {DequeueCount}) is not valid base64")]
    private static partial void LogUndecodable(ILogger logger, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: message {MessageId} failed {DequeueCount} deliveries; moving it to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, long dequeueCount, string poisonQueue);
}
