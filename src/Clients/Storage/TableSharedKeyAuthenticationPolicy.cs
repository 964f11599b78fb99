using Azure.Core;
using Azure.Core.Pipeline;
using MedLedger.Clients.Pipeline;

namespace MedLedger.Clients.Storage;

/// <summary>Signs Table requests with the Table flavour of SharedKey.</summary>
/// <remarks>
/// String-to-sign: <c>VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedResource</c>, where Date is the
/// <c>x-ms-date</c> value and the resource is <c>/account/path</c> plus <c>?comp=</c> when present
/// ("Authorize with Shared Key", Table service; shared/reference/azure-protocols.md §2.8). This binds the verb
/// and content type, which SharedKeyLite does not.
/// </remarks>
internal sealed class TableSharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        var signature = credential.Sign(BuildStringToSign(message.Request, credential.AccountName));
        message.Request.Headers.SetValue(
            StorageHeaders.Authorization,
            $"SharedKey {credential.AccountName}:{signature}");
    }

    /// <summary>Builds the string-to-sign for <paramref name="request"/>.</summary>
    internal static string BuildStringToSign(Request request, string accountName)
    {
        var uri = request.Uri.ToUri();
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = QueryParameters.Parse(uri.Query).Where(p => p.Name.Equals("comp", StringComparison.OrdinalIgnoreCase)).ToList();
        if (comp.Count > 0)
        {
            resource += "?comp=" + comp[0].Value;
        }

        return string.Join(
            '\n',
            request.Method.Method,
            Header(request, StorageHeaders.ContentMD5),
            Header(request, StorageHeaders.ContentType),
            Header(request, StorageHeaders.Date),
            resource);
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
