namespace MedLedger.Functions.LocalHost;

/// <summary>Whether the local host runs, and the host.json settings it follows.</summary>
internal sealed class LocalHostOptions
{
    /// <summary>The file name of host.json; the build copies it next to the app.</summary>
    public const string HostJsonFileName = "host.json";

    /// <summary>Gets or sets a value indicating whether the embedded listener and timer run: only without the Functions host, and only in development mode.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the path of the host.json that was read.</summary>
    public string HostJsonPath { get; set; } = Path.Combine(AppContext.BaseDirectory, HostJsonFileName);

    /// <summary>Gets or sets the queue settings; set whenever <see cref="Enabled"/> is.</summary>
    public HostQueueSettings? Queues { get; set; }

    /// <summary>Gets or sets the interval of the checkpoint timer.</summary>
    public TimeSpan CheckpointInterval { get; set; }

    /// <summary>Gets or sets how long a received message stays hidden while it is handled (the listener does not renew it).</summary>
    public TimeSpan ProcessingVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the problems met while reading host.json.</summary>
    public IList<string> SettingErrors { get; } = [];
}
