namespace MedLedger.Testing.Azurite;

/// <summary>How to start Azurite.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Gets a value indicating whether to serve https with a fresh self-signed certificate for 127.0.0.1
    /// (clients must use <see cref="AzuriteInstance.CreateTransport"/> to trust it).</summary>
    public bool Https { get; init; }

    /// <summary>Gets a value indicating whether to accept Entra ID bearer tokens (<c>--oauth basic</c>: checks
    /// issuer, audience and lifetime, not the signature). Requires <see cref="Https"/>.</summary>
    public bool OAuth { get; init; }

    /// <summary>Gets the repository root holding <c>node_modules</c> (default: found by walking up to Serverless.sln).</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Gets how long to wait for Azurite to listen and answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
