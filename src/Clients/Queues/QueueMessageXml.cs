using System.Globalization;
using System.Security;
using System.Xml;
using System.Xml.Linq;

namespace MedLedger.Clients.Queues;

/// <summary>The XML shapes of Put Message requests and of <c>QueueMessagesList</c> responses.</summary>
internal static class QueueMessageXml
{
    public static string Request(string messageText) =>
        "<QueueMessage><MessageText>" + SecurityElement.Escape(messageText) + "</MessageText></QueueMessage>";

    /// <summary>Parses the <c>QueueMessage</c> elements of a <c>QueueMessagesList</c>.</summary>
    public static IReadOnlyList<XElement> Messages(BinaryData body)
    {
        using var reader = XmlReader.Create(body.ToStream(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var document = XDocument.Load(reader);
        return document.Root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue response has a message without <{name}>.");

    public static DateTimeOffset Time(XElement message, string name) => ParseTime(Text(message, name));

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
