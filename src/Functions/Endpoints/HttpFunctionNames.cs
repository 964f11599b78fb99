namespace MedLedger.Functions.Endpoints;

/// <summary>
/// The Azure Functions names of the HTTP functions: each is the folder of a <c>function.json</c> under
/// <c>FunctionDefinitions</c> and the endpoint name of the route it forwards to (checked by the layout tests).
/// </summary>
internal static class HttpFunctionNames
{
    /// <summary><c>POST /api/records</c>.</summary>
    public const string CreateRecord = "CreateRecord";

    /// <summary><c>GET /api/patients/{patientId}/records/{recordId}</c>.</summary>
    public const string ReadRecord = "ReadRecord";

    /// <summary><c>GET /api/records/{recordId}</c>: the same read, the patient found from the record.</summary>
    public const string ReadRecordById = "ReadRecordById";

    /// <summary><c>POST /api/patients/{patientId}/consents</c>.</summary>
    public const string GrantConsent = "GrantConsent";

    /// <summary><c>GET /api/patients/{patientId}/consents</c>.</summary>
    public const string ListConsents = "ListConsents";

    /// <summary><c>DELETE /api/patients/{patientId}/consents/{consentId}</c>.</summary>
    public const string RevokeConsent = "RevokeConsent";

    /// <summary><c>GET /api/patients/{patientId}/access-log</c>.</summary>
    public const string AccessLog = "AccessLog";

    /// <summary><c>POST /api/claims/verify</c>.</summary>
    public const string VerifyClaim = "VerifyClaim";

    /// <summary><c>GET /api/directory/users</c>.</summary>
    public const string ListDirectoryUsers = "ListDirectoryUsers";

    /// <summary><c>PUT /api/directory/users/{userKey}</c>.</summary>
    public const string PutDirectoryUser = "PutDirectoryUser";

    /// <summary><c>DELETE /api/directory/users/{userKey}</c>.</summary>
    public const string RemoveDirectoryUser = "RemoveDirectoryUser";

    /// <summary><c>POST /api/directory/organizations</c>.</summary>
    public const string AddDirectoryOrganization = "AddDirectoryOrganization";

    /// <summary><c>POST /api/directory/patients</c>.</summary>
    public const string AddDirectoryPatient = "AddDirectoryPatient";

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
