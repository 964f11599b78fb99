using System.Runtime.Versioning;
using MedLedger.Infra.Tests.Support;

namespace MedLedger.Infra.Tests.Deployment;

/// <summary>
/// A stand-in <c>az</c> on a private PATH: it records every call and answers from a small state (logged in or
/// not, whether a MedLedger storage account exists yet, the retention policy state, whether secrets exist).
/// The PATH holds only the tools scripts/deploy uses, so a real <c>az</c> on the machine is never reached.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class FakeAzureCli : IDisposable
{
    private const string Script = """
        #!/usr/bin/env bash
        # Fake az for tests: logs the call, answers from FAKE_AZ_* variables.
        echo "az $*" >>"$FAKE_AZ_LOG"
        args="$*"
        case "$args" in
          "account show"*)
            [[ "$FAKE_AZ_LOGGED_IN" == yes ]] || { echo "Please run 'az login' to setup account." >&2; exit 1; }
            echo "00000000-1111-2222-3333-444444444444" ;;
          "group show"*) exit 0 ;;
          "resource list"*) [[ -n "$FAKE_AZ_EXISTING_ACCOUNT" ]] && echo "$FAKE_AZ_EXISTING_ACCOUNT"; exit 0 ;;
          "storage container immutability-policy show"*"--query state"*)
            cat "$FAKE_AZ_STATE_DIR/policy" ;;
          "storage container immutability-policy show"*"--query etag"*) echo '"0x8DCETAG"' ;;
          "storage container immutability-policy lock"*) echo Locked >"$FAKE_AZ_STATE_DIR/policy" ;;
          "deployment group create"*) exit 0 ;;
          "deployment group what-if"*) echo "Resource changes: 0 to create." ;;
          "deployment group show"*"WEBHOOK_SECRET_NAMES"*) echo "insurer-northwind-webhook" ;;
          "deployment group show"*)
            case "$args" in
              *FUNCTION_APP_NAME*) echo "func-medledger-abc" ;;
              *FUNCTION_APP_URL*) echo "https://func-medledger-abc.azurewebsites.net" ;;
              *LOG_PUBLIC_KEY_URL*) echo "https://func-medledger-abc.azurewebsites.net/api/ledger/public-key" ;;
              *STORAGE_ACCOUNT_NAME*) echo "stmedledgerabc" ;;
              *CHECKPOINT_CONTAINER_NAME*) echo "checkpoints" ;;
              *KEY_VAULT_NAME*) echo "kv-medledger-abc" ;;
              *KEY_VAULT_RESOURCE_ID*) echo "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-medledger-abc" ;;
              *PSEUDONYM_SECRET_NAME*) echo "ledger-pseudonym-secret" ;;
              *) echo "unexpected output query: $args" >&2; exit 1 ;;
            esac ;;
          "rest --method get"*)
            case "$FAKE_AZ_SECRETS" in
              exist) exit 0 ;;
              missing) echo "ERROR: Not Found({\"error\":{\"code\":\"SecretNotFound\"}})" >&2; exit 1 ;;
              *) echo "ERROR: Forbidden({\"error\":{\"code\":\"AuthorizationFailed\"}})" >&2; exit 1 ;;
            esac ;;
          "rest --method put"*)
            body="${args##*--body @}"; body="${body%% *}"
            cp "$body" "$FAKE_AZ_STATE_DIR/secret-body" ;;
          "functionapp deployment source config-zip"*) exit 0 ;;
          *) echo "fake az: unexpected call: $args" >&2; exit 2 ;;
        esac
        """;

    private static readonly string[] Tools = ["bash", "dirname", "basename", "grep", "sed", "tr", "head", "base64", "mktemp", "chmod", "rm", "cat", "cp", "node", "env"];

    private readonly TemporaryDirectory directory = new();

    public FakeAzureCli(bool installAz = true)
    {
        var bin = directory.Combine("bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in Tools)
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), Locate(tool));
        }

        if (installAz)
        {
            directory.Write("bin/az", Script, (UnixFileMode)0b111_101_101);
        }

        Directory.CreateDirectory(directory.Combine("state"));
        PolicyState = "Unlocked";
        PackagePath = directory.Write("package.zip", "not really a zip");
    }

    public bool LoggedIn { get; set; } = true;

    /// <summary>Name of a storage account found by tag before the deployment, or empty on a first deployment.</summary>
    public string ExistingAccount { get; set; } = "";

    public string PolicyState
    {
        get => File.ReadAllText(directory.Combine("state", "policy")).Trim();
        set => File.WriteAllText(directory.Combine("state", "policy"), value + "\n");
    }

    /// <summary>exist, missing or forbidden.</summary>
    public string Secrets { get; set; } = "missing";

    public string PackagePath { get; }

    public IReadOnlyList<string> Calls =>
        File.Exists(directory.Combine("calls.log")) ? File.ReadAllLines(directory.Combine("calls.log")) : [];

    public string? CreatedSecretBody =>
        File.Exists(directory.Combine("state", "secret-body")) ? File.ReadAllText(directory.Combine("state", "secret-body")) : null;

    public Task<ProcessResult> DeployAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            RepositoryRoot.Combine("scripts", "deploy"),
            arguments,
            RepositoryRoot.Path,
            new Dictionary<string, string>
            {
                ["PATH"] = directory.Combine("bin"),
                ["MEDLEDGER_AUTH_CLIENT_ID"] = "11111111-2222-4333-8444-555555555555",
                ["FAKE_AZ_LOG"] = directory.Combine("calls.log"),
                ["FAKE_AZ_STATE_DIR"] = directory.Combine("state"),
                ["FAKE_AZ_LOGGED_IN"] = LoggedIn ? "yes" : "no",
                ["FAKE_AZ_EXISTING_ACCOUNT"] = ExistingAccount,
                ["FAKE_AZ_SECRETS"] = Secrets,
            },
            TestContext.Current.CancellationToken);

    public void Dispose() => directory.Dispose();

    private static string Locate(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{tool}' is not on PATH; scripts/deploy needs it");
    }
}
