using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MedLedger.Functions.Http;
using MedLedger.Functions.Tests.Support;
using MedLedger.Testing.Azurite;

namespace MedLedger.Functions.Tests.Records;

/// <summary>Bad submissions get a clear 4xx problem naming what is wrong, and nothing is stored or queued.</summary>
public sealed class RecordValidationTests(AzuriteFixture azurite) : StepwiseAppTests(azurite)
{
    public override async ValueTask DisposeAsync()
    {
        // Whatever a test sent, nothing may have reached storage.
        Assert.DoesNotContain(App.Faults.Attempts, attempt => attempt.Method == "PUT" && attempt.Uri.AbsolutePath.Contains(App.Names.RecordsContainer + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Faults.Attempts, attempt => attempt.Method == "POST" && attempt.Uri.AbsolutePath.Contains(App.Names.EventsQueue, StringComparison.Ordinal));
        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"patientId":"","category":"general","contentType":"text/plain","contentBase64":"aGk="}""", "$.patientId")]
    [InlineData("""{"patientId":" p1","category":"general","contentType":"text/plain","contentBase64":"aGk="}""", "$.patientId")]
    [InlineData("""{"patientId":"p\u00071","category":"general","contentType":"text/plain","contentBase64":"aGk="}""", "$.patientId")]
    [InlineData("""{"patientId":"p1","category":"cardiology","contentType":"text/plain","contentBase64":"aGk="}""", "$.category")]
    [InlineData("""{"patientId":"p1","category":"General","contentType":"text/plain","contentBase64":"aGk="}""", "$.category")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain"}""", "$")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"application/json","content":{"a":1},"contentBase64":"aGk="}""", "$")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","content":{"a":1}}""", "$.contentType")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"*/*","contentBase64":"aGk="}""", "$.contentType")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text","contentBase64":"aGk="}""", "$.contentType")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain\r\nX: 1","contentBase64":"aGk="}""", "$.contentType")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","contentBase64":"aGk"}""", "$.contentBase64")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","contentBase64":"aGl="}""", "$.contentBase64")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","contentBase64":"aG k="}""", "$.contentBase64")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","contentBase64":""}""", "$.contentBase64")]
    public async Task Submit_InvalidField_Is400NamingThePath(string body, string path)
    {
        var response = await Client.SendAsync(RecordRequests.Post(body), Cancellation);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
        Assert.Equal(path, problem.GetProperty("path").GetString());
        Assert.DoesNotContain("aGk", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"category":"general","contentType":"text/plain","contentBase64":"aGk="}""")]
    [InlineData("""{"patientId":"p1","category":"general","contentType":"text/plain","contentBase64":"aGk=","note":"x"}""")]
    [InlineData("""{"patientId":1,"category":"general","contentType":"text/plain","contentBase64":"aGk="}""")]
    [InlineData("""{"PatientId":"p1","category":"general","contentType":"text/plain","contentBase64":"aGk="}""")]
    public async Task Submit_WrongShape_Is400InvalidBody(string body)
    {
        var response = await Client.SendAsync(RecordRequests.Post(body), Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidBody);
    }

    [Theory]
    [InlineData("""{"patientId":"p1","patientId":"p2","category":"general","contentType":"text/plain","contentBase64":"aGk="}""")]
    [InlineData("""{"patientId":"p1",}""")]
    public async Task Submit_MalformedJson_Is400MalformedJson(string body)
    {
        var response = await Client.SendAsync(RecordRequests.Post(body), Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
    }

    [Fact]
    public async Task Submit_NotJson_Is415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/records")
        {
            Content = new StringContent(RecordRequests.JsonBody(), Encoding.UTF8, new MediaTypeHeaderValue("text/plain")),
        };

        var response = await Client.SendAsync(request, Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("\"unterminated")]
    public async Task Submit_MalformedIdempotencyKey_Is400(string key)
    {
        var response = await Client.SendAsync(RecordRequests.Post(RecordRequests.JsonBody(), idempotencyKey: key), Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidIdempotencyKey);
    }

    [Fact]
    public async Task Submit_TwoIdempotencyKeys_Is400()
    {
        using var request = RecordRequests.Post(RecordRequests.JsonBody());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["a", "b"]);

        var response = await Client.SendAsync(request, Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidIdempotencyKey);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("e30=")]
    [InlineData(null)]
    public async Task Submit_WithoutAUsablePrincipal_Is401(string? principal)
    {
        using var request = RecordRequests.Post(RecordRequests.JsonBody());
        request.Headers.Remove(MedLedger.Access.Identity.ClientPrincipalHeader.Name);
        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation(MedLedger.Access.Identity.ClientPrincipalHeader.Name, principal);
        }

        using var anonymous = App.CreateClientAs(null);
        var response = await anonymous.SendAsync(request, Cancellation);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal(0, StorageRequests.CountSends(App.Faults, App.Names.EventsQueue));
    }
}
