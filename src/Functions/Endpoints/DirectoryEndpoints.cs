using MedLedger.Access.Authorization;
using MedLedger.Access.Identity;
using MedLedger.Access.UserDirectory;
using MedLedger.Functions.Access;
using MedLedger.Functions.Http;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Storage;

namespace MedLedger.Functions.Endpoints;

/// <summary>
/// The directory's administration (admins only; every decision logged): users are listed, put (added or replaced)
/// and removed; organizations and patients are added.
/// </summary>
internal static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("directory/users", ListUsersAsync)
            .WithName(HttpFunctionNames.ListDirectoryUsers)
            .WithTags("Directory")
            .WithSummary("Lists users in user-key order (after, limit).")
            .Produces<DirectoryUsersResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("directory/users/{userKey}", PutUserAsync)
            .WithName(HttpFunctionNames.PutDirectoryUser)
            .WithTags("Directory")
            .WithSummary("Adds or replaces a user: roles, organization (clinicians, insurers), patient (patients).")
            .Accepts<DirectoryUserRequest>("application/json")
            .Produces<DirectoryUserResponse>()
            .Produces<DirectoryUserResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("directory/users/{userKey}", RemoveUserAsync)
            .WithName(HttpFunctionNames.RemoveDirectoryUser)
            .WithTags("Directory")
            .WithSummary("Removes a user.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("directory/organizations", AddOrganizationAsync)
            .WithName(HttpFunctionNames.AddDirectoryOrganization)
            .WithTags("Directory")
            .WithSummary("Adds an organization (clinic or insurer); organizations are never removed.")
            .Accepts<DirectoryOrganizationRequest>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("directory/patients", AddPatientAsync)
            .WithName(HttpFunctionNames.AddDirectoryPatient)
            .WithTags("Directory")
            .WithSummary("Adds a patient of a clinic; patients are never removed.")
            .Accepts<DirectoryPatientRequest>("application/json")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static Task<IResult> ListUsersAsync(HttpContext context, AccessGate gate, IDirectoryAdministration directory, ILogger<AccessGate> logger) =>
        AdministerAsync(context, gate, logger, async cancellationToken =>
        {
            var after = context.Request.Query["after"];
            var limit = context.Request.Query["limit"];
            if (after.Count > 1 || (after.Count == 1 && !MedLedger.Access.Identifiers.IdentifierSyntax.IsValid(after[0]))
                || limit.Count > 1 || (limit.Count == 1 && !(int.TryParse(limit[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000)))
            {
                return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, "after must be a user key and limit 1 to 1000.");
            }

            var max = limit.Count == 1 ? int.Parse(limit[0]!, System.Globalization.CultureInfo.InvariantCulture) : 100;
            var users = await directory.ListUsersAsync(after.Count == 1 ? after[0] : null, max, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new DirectoryUsersResponse([.. users.Select(DirectoryUserResponse.From)], users.Count == max ? users[^1].UserKey : null));
        });

    public static Task<IResult> PutUserAsync(string userKey, HttpContext context, AccessGate gate, IDirectoryAdministration directory, ILogger<AccessGate> logger) =>
        AdministerAsync(context, gate, logger, async cancellationToken =>
        {
            var body = await ReadAsync<DirectoryUserRequest>(context, cancellationToken).ConfigureAwait(false);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            var roles = new HashSet<Role>();
            foreach (var name in body.Value!.Roles ?? [])
            {
                if (RoleNames.Parse(name) is not { } role || !roles.Add(role))
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "roles holds distinct values of: clinician, patient, insurer, auditor, admin.", new Dictionary<string, object?> { [ProblemExtensions.Path] = "$.roles" });
                }
            }

            var user = new DirectoryUser(userKey, roles, body.Value.Organization, body.Value.Patient);
            var existed = await directory.FindUserAsync(userKey, cancellationToken).ConfigureAwait(false) is not null;
            var result = existed
                ? await directory.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false)
                : await directory.AddUserAsync(user, cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                DirectoryChangeStatus.Applied when existed => TypedResults.Ok(DirectoryUserResponse.From(user)),
                DirectoryChangeStatus.Applied => TypedResults.Created($"/{ApiRoutes.Prefix}/directory/users/{Uri.EscapeDataString(userKey)}", DirectoryUserResponse.From(user)),
                _ => Refused(result),
            };
        });

    public static Task<IResult> RemoveUserAsync(string userKey, HttpContext context, AccessGate gate, IDirectoryAdministration directory, ILogger<AccessGate> logger) =>
        AdministerAsync(context, gate, logger, async cancellationToken =>
        {
            var result = await directory.RemoveUserAsync(userKey, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? TypedResults.NoContent() : Refused(result);
        });

    public static Task<IResult> AddOrganizationAsync(HttpContext context, AccessGate gate, IDirectoryAdministration directory, ILogger<AccessGate> logger) =>
        AdministerAsync(context, gate, logger, async cancellationToken =>
        {
            var body = await ReadAsync<DirectoryOrganizationRequest>(context, cancellationToken).ConfigureAwait(false);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            OrganizationKind? kind = body.Value!.Kind switch { "clinic" => OrganizationKind.Clinic, "insurer" => OrganizationKind.Insurer, _ => null };
            if (kind is null || body.Value.Id is null)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "An organization has an id and a kind, clinic or insurer.");
            }

            var result = await directory.AddOrganizationAsync(new DirectoryOrganization(body.Value.Id, kind.Value), cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? TypedResults.Created($"/{ApiRoutes.Prefix}/directory/organizations/{Uri.EscapeDataString(body.Value.Id)}", body.Value) : Refused(result);
        });

    public static Task<IResult> AddPatientAsync(
        HttpContext context, AccessGate gate, IDirectoryAdministration directory, PatientPseudonymizer pseudonymizer, ILogger<AccessGate> logger) =>
        AdministerAsync(context, gate, logger, async cancellationToken =>
        {
            var body = await ReadAsync<DirectoryPatientRequest>(context, cancellationToken).ConfigureAwait(false);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            if (body.Value!.Id is null || body.Value.Organization is null)
            {
                return Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, "A patient has an id and an organization.");
            }

            // The pseudonym goes into the directory's reverse index, so GET /api/records/{recordId} can find the patient
            // from a record; an id that cannot be pseudonymized is refused by the directory's own checks.
            var patient = new DirectoryPatient(body.Value.Id, body.Value.Organization);
            var result = PatientPseudonymizer.IsValidPatientId(patient.PatientId)
                ? await directory.AddPatientAsync(patient, pseudonymizer.Pseudonymize(patient.PatientId), cancellationToken).ConfigureAwait(false)
                : await directory.AddPatientAsync(patient, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? TypedResults.Created($"/{ApiRoutes.Prefix}/directory/patients/{Uri.EscapeDataString(body.Value.Id)}", body.Value) : Refused(result);
        });

    private static async Task<IResult> AdministerAsync(HttpContext context, AccessGate gate, ILogger logger, Func<CancellationToken, Task<IResult>> action)
    {
        try
        {
            var decision = await gate.AuthorizeUnscopedAsync(context.GetCaller(), AccessOperation.ManageDirectory, context.RequestAborted).ConfigureAwait(false);
            if (!decision.IsPermit)
            {
                return AccessProblems.NotFound(context, decision);
            }

            AccessProblems.NameEvent(context, decision);
            return await action(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyFailure.IsDependencyFailure(exception))
        {
            return ConsentEndpoints.Unavailable(logger, context, exception, "Nothing was changed.");
        }
    }

    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (!StrictJsonReader.IsJsonContentType(context.Request.ContentType))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "The request body must be application/json (UTF-8)."));
        }

        if (await BoundedBody.ReadAsync(context.Request, 16 * 1024, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, "The request body is larger than 16 KiB."));
        }

        var bound = StrictJsonReader.Bind<T>(body);
        return bound.Succeeded ? (bound.Value, null) : (null, bound.Problem);
    }

    private static IResult Refused(DirectoryChangeResult result) => result.Status switch
    {
        DirectoryChangeStatus.NotFound => Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such resource, or no access to it."),
        DirectoryChangeStatus.Invalid => Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, result.Problem),
        DirectoryChangeStatus.AlreadyExists => Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.DirectoryConflict, "An entry with this id exists already (with other content)."),
        DirectoryChangeStatus.PatientTaken => Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.DirectoryConflict, "The patient already has a user."),
        _ => Problems.Create(StatusCodes.Status409Conflict, ErrorCodes.DirectoryConflict, "The entry changed meanwhile; read it again and retry."),
    };
}

/// <summary>The body of <c>PUT /api/directory/users/{userKey}</c>.</summary>
public sealed record DirectoryUserRequest(IReadOnlyList<string>? Roles, string? Organization = null, string? Patient = null);

/// <summary>The body of <c>POST /api/directory/organizations</c>.</summary>
public sealed record DirectoryOrganizationRequest(string? Id, string? Kind);

/// <summary>The body of <c>POST /api/directory/patients</c>.</summary>
public sealed record DirectoryPatientRequest(string? Id, string? Organization);

/// <summary>A user as the directory endpoints show it.</summary>
public sealed record DirectoryUserResponse(string UserKey, IReadOnlyList<string> Roles, string? Organization, string? Patient)
{
    internal static DirectoryUserResponse From(DirectoryUser user) =>
        new(user.UserKey, [.. user.Roles.Order().Select(r => r.ToName())], user.OrganizationId, user.PatientId);
}

/// <summary>A page of users; <paramref name="Next"/> is the cursor (<c>after</c>) of the next page, or null.</summary>
public sealed record DirectoryUsersResponse(IReadOnlyList<DirectoryUserResponse> Users, string? Next);
