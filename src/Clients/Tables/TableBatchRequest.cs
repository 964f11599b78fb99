using System.Text;

namespace MedLedger.Clients.Tables;

/// <summary>Writes the multipart/mixed body of an entity group transaction: one batch holding one changeset
/// with one HTTP request per action, CRLF line endings ("Performing entity group transactions";
/// shared/reference/azure-protocols.md §2.5).</summary>
internal sealed class TableBatchRequest
{
    private const string Crlf = "\r\n";

    private TableBatchRequest(string boundary, byte[] body)
    {
        Boundary = boundary;
        Body = body;
    }

    /// <summary>Gets the outer boundary (for the Content-Type header).</summary>
    public string Boundary { get; }

    /// <summary>Gets the body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>Builds the body; <paramref name="tableUri"/> is the absolute table URL (endpoint + table name).</summary>
    public static TableBatchRequest Create(string tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var id = Guid.NewGuid().ToString("D");
        var batch = "batch_" + id;
        var changeset = "changeset_" + id;
        var text = new StringBuilder();
        text.Append("--").Append(batch).Append(Crlf);
        text.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append(Crlf).Append(Crlf);
        foreach (var action in actions)
        {
            text.Append("--").Append(changeset).Append(Crlf);
            text.Append("Content-Type: application/http").Append(Crlf);
            text.Append("Content-Transfer-Encoding: binary").Append(Crlf).Append(Crlf);
            AppendOperation(text, tableUri, action);
        }

        text.Append("--").Append(changeset).Append("--").Append(Crlf);
        text.Append("--").Append(batch).Append("--").Append(Crlf);
        return new TableBatchRequest(batch, Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void AppendOperation(StringBuilder text, string tableUri, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUri = tableUri + TableKeys.EntityPath(entity.PartitionKey, entity.RowKey);
        var (verb, uri, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", tableUri, true),
            TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpsertReplace => ("PUT", entityUri, true),
            TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge => ("PATCH", entityUri, true),
            TableTransactionActionType.Delete => ("DELETE", entityUri, false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown action type."),
        };

        text.Append(verb).Append(' ').Append(uri).Append(" HTTP/1.1").Append(Crlf);
        text.Append("Accept: application/json;odata=minimalmetadata").Append(Crlf);
        text.Append("DataServiceVersion: 3.0").Append(Crlf);
        if (action.IfMatch != default)
        {
            text.Append("If-Match: ").Append(action.IfMatch.ToString("H")).Append(Crlf);
        }

        if (hasBody)
        {
            text.Append("Content-Type: application/json").Append(Crlf);
            if (action.ActionType == TableTransactionActionType.Add)
            {
                text.Append("Prefer: return-no-content").Append(Crlf);
            }

            text.Append(Crlf);
            text.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append(Crlf);
        }
        else
        {
            text.Append(Crlf);
        }
    }
}
