using System.Globalization;
using Microsoft.Extensions.Options;

namespace MedLedger.Functions.Hosting;

/// <summary>Reads <see cref="HostingOptions"/> from the environment (through configuration).</summary>
internal sealed class HostingOptionsSetup(IConfiguration configuration) : IConfigureOptions<HostingOptions>
{
    public void Configure(HostingOptions options)
    {
        options.CustomHandlerPort = ReadPort(options, HostEnvironmentVariables.CustomHandlerPort);
        options.LocalPort = ReadPort(options, HostEnvironmentVariables.LocalPort) ?? HostingOptions.DefaultLocalPort;
    }

    private int? ReadPort(HostingOptions options, string name)
    {
        if (configuration[name] is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
        {
            return port;
        }

        options.SettingErrors.Add($"{name} must be a TCP port number between 1 and 65535.");
        return null;
    }
}
