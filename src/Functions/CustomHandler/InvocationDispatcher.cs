using MedLedger.Functions.Http;

namespace MedLedger.Functions.CustomHandler;

/// <summary>
/// The one code path of every non-HTTP invocation: decode the host's payload, run the function's handler in its own
/// scope, and turn the outcome into the status and body the host expects (azure-protocols.md §1.7–§1.8).
/// The host's POST and the local host both come through here.
/// </summary>
/// <threadsafety>Safe for concurrent use; the host sends invocations concurrently.</threadsafety>
public sealed partial class InvocationDispatcher(
    TriggerFunctionRegistry registry,
    IServiceScopeFactory scopes,
    ILogger<InvocationDispatcher> logger)
{
    /// <summary>Runs one invocation of <paramref name="functionName"/> with the raw payload the host posted.</summary>
    /// <param name="functionName">The function name (the path the host posts to).</param>
    /// <param name="payload">The UTF-8 JSON body <c>{"Data":…,"Metadata":…}</c>.</param>
    /// <param name="invocationId">The host's invocation id (header <c>X-Azure-Functions-InvocationId</c>), for logs.</param>
    /// <param name="cancellationToken">Cancels the invocation; a cancelled invocation produces no outcome (the exception propagates).</param>
    public async Task<InvocationOutcome> DispatchAsync(
        string functionName,
        ReadOnlyMemory<byte> payload,
        string? invocationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        invocationId ??= "none";
        if (registry.Find(functionName) is not { } function)
        {
            return Fail(StatusCodes.Status404NotFound, functionName, invocationId, $"{functionName}: no such function.");
        }

        if (!InvocationRequest.TryParse(payload, out var request, out var error))
        {
            return Fail(StatusCodes.Status400BadRequest, function.Name, invocationId, $"{function.Name}: unreadable invocation: {error}.");
        }

        TriggerResult result;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (ITriggerHandler)scope.ServiceProvider.GetRequiredService(function.HandlerType);
            result = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogHandlerException(logger, function.Name, invocationId, ExceptionDescription.Describe(exception));
            return Fail(
                StatusCodes.Status500InternalServerError,
                function.Name,
                invocationId,
                $"{function.Name} failed: unexpected {exception.GetType().Name}; invocation {invocationId}.");
        }

        foreach (var line in result.Logs)
        {
            if (result.Succeeded)
            {
                LogHandlerLine(logger, function.Name, invocationId, line);
            }
            else
            {
                LogHandlerFailure(logger, function.Name, invocationId, line);
            }
        }

        return new InvocationOutcome(
            result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError,
            InvocationResponse.FromLogs(result.Logs));
    }

    /// <summary>Creates the outcome for an invocation whose body is larger than the app accepts.</summary>
    internal InvocationOutcome TooLarge(string functionName, string? invocationId, long limit) =>
        Fail(StatusCodes.Status413PayloadTooLarge, functionName, invocationId ?? "none", $"{functionName}: the invocation is larger than {limit} bytes.");

    private InvocationOutcome Fail(int statusCode, string functionName, string invocationId, string line)
    {
        LogHandlerFailure(logger, functionName, invocationId, line);
        return new InvocationOutcome(statusCode, InvocationResponse.FromLogs([line]));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} invocation {InvocationId}: {Line}")]
    private static partial void LogHandlerLine(ILogger logger, string function, string invocationId, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} invocation {InvocationId}: {Line}")]
    private static partial void LogHandlerFailure(ILogger logger, string function, string invocationId, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} invocation {InvocationId} threw {Exception}")]
    private static partial void LogHandlerException(ILogger logger, string function, string invocationId, string exception);
}
