using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.Http;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.LocalHost;

/// <summary>
/// The local host's timer trigger (shared/design.md D2): every <see cref="LocalHostOptions.CheckpointInterval"/>
/// it posts a timer invocation for each timer-triggered function through <see cref="InvocationDispatcher"/>.
/// Ticks do not overlap; a failed tick is logged and the next one runs as usual.
/// </summary>
/// <remarks>Off under the Functions host (whose own timer follows the function.json schedule) and outside development mode.</remarks>
internal sealed partial class LocalCheckpointTimer(
    IOptions<LocalHostOptions> options,
    TriggerFunctionRegistry registry,
    InvocationDispatcher dispatcher,
    TimeProvider time,
    ILogger<LocalCheckpointTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var functions = registry.Functions.Where(f => f.Trigger is TimerTriggerBinding).ToList();
        if (!settings.Enabled || functions.Count == 0)
        {
            return;
        }

        var interval = settings.CheckpointInterval;
        using var timer = new PeriodicTimer(interval, time);
        var last = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                foreach (var function in functions)
                {
                    await TickAsync(function, (TimerTriggerBinding)function.Trigger, last, now + interval, now, stoppingToken).ConfigureAwait(false);
                }

                last = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task TickAsync(
        TriggerFunction function, TimerTriggerBinding binding, DateTimeOffset last, DateTimeOffset next, DateTimeOffset now, CancellationToken stoppingToken)
    {
        try
        {
            var payload = HostInvocationPayloads.ForTimer(function.Name, binding, last, next, now, Guid.NewGuid());
            var outcome = await dispatcher.DispatchAsync(function.Name, payload, Guid.NewGuid().ToString("D"), stoppingToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
            {
                LogTickFailed(logger, function.Name, outcome.StatusCode);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogTickThrew(logger, function.Name, ExceptionDescription.Describe(exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: timer {Function} failed with status {StatusCode}; the next tick retries")]
    private static partial void LogTickFailed(ILogger logger, string function, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local host: timer {Function} threw {Exception}; the next tick retries")]
    private static partial void LogTickThrew(ILogger logger, string function, string exception);
}
