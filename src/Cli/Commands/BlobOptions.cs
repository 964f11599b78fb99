using System.CommandLine;
using System.CommandLine.Parsing;
using MedLedger.Cli.Records;

namespace MedLedger.Cli.Commands;

/// <summary>The options of <c>verify --connection</c> that govern the audit of record blobs.</summary>
internal sealed class BlobOptions
{
    /// <summary>The default grace period: an event normally reaches the log within seconds; 15 minutes leaves room for
    /// retries, a poison-queue round and a stopped appender before an unnamed blob is called an orphan.</summary>
    public const int DefaultGraceMinutes = 15;

    /// <summary>The longest grace period accepted: a week.</summary>
    public const int MaxGraceMinutes = 7 * 24 * 60;

    public Option<string> Container { get; } = new("--records-container")
    {
        HelpName = "name",
        Description = "With --connection: the container of record envelopes.",
        DefaultValueFactory = _ => "records",
    };

    public Option<int> GraceMinutes { get; } = new("--grace-minutes")
    {
        HelpName = "minutes",
        Description = $"With --connection: a blob no entry names is 'pending' (its event may still be queued) while it is younger than this, an 'orphan' after. Default {DefaultGraceMinutes}.",
        DefaultValueFactory = _ => DefaultGraceMinutes,
        Validators = { result => CheckRange(result, result.Implicit ? null : result.GetValueOrDefault<int>(), 0, MaxGraceMinutes) },
    };

    public Option<int?> LogNumber { get; } = new("--log-number")
    {
        HelpName = "n",
        Description = "With --connection: the log's number, whose record ids start with r<n>-. Default: the number after the log name's last '/', else 0 (the app's naming).",
        Validators = { result => CheckRange(result, result.Implicit ? null : result.GetValueOrDefault<int?>(), 0, RecordIdPrefix.MaxLogCount - 1) },
    };

    public Option<bool> Skip { get; } = new("--no-blobs")
    {
        Description = "With --connection: verify the log only, without reading the records container.",
    };

    /// <summary>Returns the first blob option given explicitly, or null.</summary>
    public string? Given(CommandResult result, bool exceptSkip = false)
    {
        Option[] options = exceptSkip ? [Container, GraceMinutes, LogNumber] : [Container, GraceMinutes, LogNumber, Skip];
        return options.FirstOrDefault(o => result.GetResult(o) is { Implicit: false })?.Name;
    }

    /// <summary>Returns the audit settings, or null with <c>--no-blobs</c>.</summary>
    public BlobAuditSettings? Read(ParseResult parsed) => parsed.GetValue(Skip)
        ? null
        : new BlobAuditSettings(parsed.GetRequiredValue(Container), TimeSpan.FromMinutes(parsed.GetValue(GraceMinutes)), parsed.GetValue(LogNumber));

    private static void CheckRange(OptionResult result, int? value, int min, int max)
    {
        if (value is { } number && (number < min || number > max))
        {
            result.AddError($"{result.Option.Name} must be {min} to {max}.");
        }
    }
}
