using System.Text.Json;

namespace MedLedger.Functions.CustomHandler;

/// <summary>A timer-trigger invocation: the host's <c>TimerInfo</c> object under the binding name (as an object or a JSON-encoded string).</summary>
/// <param name="IsPastDue">Whether the host ran the timer later than scheduled.</param>
public sealed record TimerTriggerInvocation(bool IsPastDue)
{
    /// <summary>Reads the timer value of <paramref name="binding"/>; a missing or unreadable value reads as on time (the timer carries no data the handler needs).</summary>
    public static TimerTriggerInvocation Read(InvocationRequest invocation, TimerTriggerBinding binding)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(binding);
        if (!invocation.Data.TryGetValue(binding.Name, out var value) || HostValueDecoder.ReadText(value) is not { } text)
        {
            return new TimerTriggerInvocation(false);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name.Equals("IsPastDue", StringComparison.OrdinalIgnoreCase) &&
                        HostValueDecoder.TryReadBoolean(property.Value, out var pastDue))
                    {
                        return new TimerTriggerInvocation(pastDue);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Unreadable timer info: treat as on time.
        }

        return new TimerTriggerInvocation(false);
    }
}
