using MedLedger.Access.Webhooks;

namespace MedLedger.Access.Tests.Webhooks;

public sealed class WebhookFailureCodesTests
{
    [Fact]
    public void ToCode_EveryFailure_HasADistinctCodeTheDocsName()
    {
        var source = File.ReadAllText(Path.Combine(MedLedger.Testing.Azurite.RepositoryRoot.Find(), "src", "Access", "Webhooks", "WebhookFailure.cs"));

        var codes = Enum.GetValues<WebhookFailure>().Select(WebhookFailureCodes.ToCode).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Contains($"<c>{code}</c>", source, StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookFailureCodes.ToCode((WebhookFailure)99));
    }
}
