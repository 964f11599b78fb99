var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the functional tests.</summary>
public partial class Program;
