using MedLedger.Clients.Storage;

namespace MedLedger.Clients.Queues;

/// <summary>Queue name rules: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
internal static class QueueNames
{
    public static void Validate(string name) => ResourceNames.ValidateLowercaseName(name, "Queue");
}
