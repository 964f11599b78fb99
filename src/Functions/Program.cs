using MedLedger.Functions.Composition;
using MedLedger.Functions.CustomHandler;
using MedLedger.Functions.Endpoints;
using MedLedger.Functions.Hosting;
using MedLedger.Functions.Http;
using MedLedger.Functions.LocalHost;
using MedLedger.Functions.Triggers;

// The Azure Functions custom handler (shared/design.md D1), and its own local host when no Functions host runs it (D2).
var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHosting();
builder.AddHttpHygiene();
builder.AddTriggerFunctions();
builder.AddLocalHost();
builder.AddLedger();
builder.AddAccess();
builder.Services.AddApiDescription();

var app = builder.Build();
app.UseHttpHygiene();
app.UseCallerAuthentication();
app.MapReadinessProbe();
app.MapTriggerFunctions();
app.MapApiGroup()
    .MapHealthApi()
    .MapOpenApiDocument()
    .MapRecordApi()
    .MapConsentApi()
    .MapAccessLogApi()
    .MapDirectoryApi()
    .MapClaimApi()
    .MapLedgerApi();

return await app.RunOrReportConfigurationErrorAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the functional tests.</summary>
public partial class Program;
