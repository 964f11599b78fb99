using Microsoft.AspNetCore.Diagnostics;

namespace MedLedger.Functions.Http;

/// <summary>
/// Turns an exception that escaped an endpoint into a problem: the framework's own bad-request exceptions keep their
/// status; anything else becomes a generic 500 with a correlation id. Nothing from the exception reaches the client,
/// and the log line carries only types and throw sites (<see cref="ExceptionDescription"/>).
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is no one to answer.
            LogRequestAborted(logger, httpContext.TraceIdentifier);
            return true;
        }

        if (exception is BadHttpRequestException badRequest)
        {
            var status = badRequest.StatusCode;
            var code = status == StatusCodes.Status413PayloadTooLarge ? ErrorCodes.BodyTooLarge : ErrorCodes.ForStatus(status);
            LogBadRequest(logger, status, httpContext.TraceIdentifier);
            await Problems.WriteAsync(httpContext, status, code, "The request could not be read.").ConfigureAwait(false);
            return true;
        }

        LogUnhandled(logger, ExceptionDescription.Describe(exception), httpContext.TraceIdentifier);
        await Problems.WriteAsync(
            httpContext,
            StatusCodes.Status500InternalServerError,
            ErrorCodes.InternalError,
            "An unexpected error occurred. Quote the correlation id when reporting it.").ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception {Exception}; correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, string exception, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request rejected with status {StatusCode}; correlation id {CorrelationId}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request aborted by the client; correlation id {CorrelationId}")]
    private static partial void LogRequestAborted(ILogger logger, string correlationId);
}
