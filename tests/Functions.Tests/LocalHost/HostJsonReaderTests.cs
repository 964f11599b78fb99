using MedLedger.Functions.LocalHost;

namespace MedLedger.Functions.Tests.LocalHost;

public sealed class HostJsonReaderTests
{
    [Fact]
    public void TryReadQueueSettings_NoQueuesSection_UsesTheHostDefaults()
    {
        Assert.True(HostJsonReader.TryReadQueueSettings("""{"version":"2.0"}""", out var settings, out _));
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal(8 * Environment.ProcessorCount, settings.NewBatchThreshold);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, settings.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.MaxPollingInterval);
        Assert.Equal(QueueMessageEncoding.Base64, settings.MessageEncoding);
    }

    [Fact]
    public void TryReadQueueSettings_AllSet_ReadsThem()
    {
        const string json = """
            {
              // The host tolerates comments, key case and numbers as strings; so does the local host.
              "Extensions": { "Queues": {
                "batchSize": "8", "NewBatchThreshold": 4, "maxDequeueCount": 3,
                "visibilityTimeout": "00:00:30", "maxPollingInterval": "00:00:02", "messageEncoding": "None",
              } }
            }
            """;
        Assert.True(HostJsonReader.TryReadQueueSettings(json, out var settings, out var error), error);
        Assert.Equal(new HostQueueSettings(8, 4, 3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), QueueMessageEncoding.None), settings);
    }

    [Theory]
    [InlineData("\"batchSize\": 0", "host.json extensions.queues.batchSize must be a whole number from 1 to 32")]
    [InlineData("\"batchSize\": 33", "host.json extensions.queues.batchSize must be a whole number from 1 to 32")]
    [InlineData("\"batchSize\": 1.5", "host.json extensions.queues.batchSize must be a whole number from 1 to 32")]
    [InlineData("\"newBatchThreshold\": -1", "host.json extensions.queues.newBatchThreshold must be a whole number from 0 to 2147483647")]
    [InlineData("\"maxDequeueCount\": 0", "host.json extensions.queues.maxDequeueCount must be a whole number from 1 to 2147483647")]
    [InlineData("\"visibilityTimeout\": \"30s\"", "host.json extensions.queues.visibilityTimeout must be a duration hh:mm:ss of at least 00:00:00")]
    [InlineData("\"maxPollingInterval\": \"00:00:00.05\"", "host.json extensions.queues.maxPollingInterval must be a duration hh:mm:ss of at least 00:00:00.1000000")]
    [InlineData("\"messageEncoding\": \"utf8\"", "host.json extensions.queues.messageEncoding must be base64 or none")]
    public void TryReadQueueSettings_OutOfRange_NamesTheKey(string member, string expected)
    {
        Assert.False(HostJsonReader.TryReadQueueSettings("{\"extensions\":{\"queues\":{" + member + "}}}", out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryReadQueueSettings_NotJson_Fails()
    {
        Assert.False(HostJsonReader.TryReadQueueSettings("version: 2.0", out _, out var error));
        Assert.Equal("host.json is not valid JSON", error);
    }
}
