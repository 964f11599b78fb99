using System.Buffers;

namespace MedLedger.Functions.Http;

/// <summary>Reads a request body into memory, refusing it once it passes a byte limit.</summary>
internal static class BoundedBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Returns the body, or <see langword="null"/> when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? ChunkSize, limit) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(ChunkSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (set by RequestBodyLimitMiddleware) fired first.
            return null;
        }
    }
}
