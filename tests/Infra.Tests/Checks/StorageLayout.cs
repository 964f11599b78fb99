using System.Text.Json;

namespace MedLedger.Infra.Tests.Checks;

/// <summary>infra/storage-layout.json: the one list of containers, queues and tables.</summary>
internal sealed record StorageLayout(
    string RecordsContainer,
    string CheckpointsContainer,
    string DeploymentContainer,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Tables)
{
    public static StorageLayout From(JsonElement root)
    {
        var containers = root.GetProperty("containers");
        return new StorageLayout(
            containers.GetProperty("records").GetString()!,
            containers.GetProperty("checkpoints").GetString()!,
            containers.GetProperty("deployment").GetString()!,
            [.. root.GetProperty("queues").EnumerateArray().Select(q => q.GetString()!)],
            [.. root.GetProperty("tables").EnumerateArray().Select(t => t.GetString()!)]);
    }
}
