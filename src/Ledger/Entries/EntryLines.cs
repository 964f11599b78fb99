using System.Buffers;
using System.Runtime.CompilerServices;

namespace MedLedger.Ledger.Entries;

/// <summary>The export format of a log: JSON Lines, each entry's exact bytes followed by one newline (0x0A).</summary>
/// <remarks>
/// Canonical entries never contain a raw newline (strings escape it), so a line is exactly one entry's bytes. There is no
/// header and no carriage return; line N (from 0) holds entry N. The last line may lack its newline. An empty line is an
/// empty (hence invalid) entry, so the verifier reports it at its index.
/// </remarks>
public static class EntryLines
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>Reads entries from a JSON Lines stream without holding more than one buffer of it.</summary>
    /// <remarks>
    /// Each item is valid only until the next one is requested (the buffer is reused). A line longer than
    /// <see cref="EntryFormat.MaxEntryBytes"/> is cut to <see cref="EntryFormat.MaxEntryBytes"/> + 1 bytes, enough to be
    /// rejected as too large, and the rest of it is skipped.
    /// </remarks>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var start = 0;
            var end = 0;
            var skippingLongLine = false;
            var atEnd = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = buffer.AsMemory(start, Math.Min(newline, EntryFormat.MaxEntryBytes + 1));
                    start += newline + 1;
                    if (skippingLongLine)
                    {
                        skippingLongLine = false;
                        continue;
                    }

                    yield return line;
                    continue;
                }

                if (atEnd)
                {
                    if (end > start && !skippingLongLine)
                    {
                        yield return buffer.AsMemory(start, Math.Min(end - start, EntryFormat.MaxEntryBytes + 1));
                    }

                    yield break;
                }

                var pending = end - start;
                if (pending > EntryFormat.MaxEntryBytes)
                {
                    // Hand out a prefix that is certain to be rejected, then drop the rest of the line.
                    if (!skippingLongLine)
                    {
                        yield return buffer.AsMemory(start, EntryFormat.MaxEntryBytes + 1);
                    }

                    skippingLongLine = true;
                    start = end;
                    pending = 0;
                }

                buffer.AsSpan(start, pending).CopyTo(buffer);
                start = 0;
                end = pending;
                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                end += read;
                atEnd = read == 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes entries as JSON Lines.</summary>
    /// <exception cref="ArgumentException">An entry contains a newline byte and so cannot be one line.</exception>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(entries);
        byte[] newline = [(byte)'\n'];
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Span.Contains((byte)'\n'))
            {
                throw new ArgumentException("An entry contains a newline byte; it cannot be written as one line.", nameof(entries));
            }

            await destination.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(newline, cancellationToken).ConfigureAwait(false);
        }
    }
}
