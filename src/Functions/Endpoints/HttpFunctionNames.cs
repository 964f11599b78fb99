namespace MedLedger.Functions.Endpoints;

/// <summary>
/// The Azure Functions names of the HTTP functions: each is the folder of a <c>function.json</c> under
/// <c>FunctionDefinitions</c> and the endpoint name of the route it forwards to (checked by the layout tests).
/// </summary>
internal static class HttpFunctionNames
{
    /// <summary><c>POST /api/records</c>.</summary>
    public const string CreateRecord = "CreateRecord";

    /// <summary><c>GET /api/records/{recordId}</c>.</summary>
    public const string ReadRecord = "ReadRecord";

    /// <summary><c>GET /api/ledger/events/{eventId}</c>.</summary>
    public const string LedgerEvent = "LedgerEvent";

    /// <summary><c>GET /api/ledger/checkpoint</c>.</summary>
    public const string LedgerCheckpoint = "LedgerCheckpoint";

    /// <summary><c>GET /api/ledger/public-key</c>.</summary>
    public const string LedgerPublicKey = "LedgerPublicKey";

    /// <summary><c>GET /api/ledger/proofs/consistency</c>.</summary>
    public const string LedgerConsistencyProof = "LedgerConsistencyProof";

    /// <summary><c>GET /api/health</c>.</summary>
    public const string Health = "Health";

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    public const string OpenApi = "OpenApi";
}
