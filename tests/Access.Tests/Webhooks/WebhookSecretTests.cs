using MedLedger.Access.Webhooks;

namespace MedLedger.Access.Tests.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void Parse_SpecExample_RoundTripsThroughExport()
    {
        var secret = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Assert.Equal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", secret.Export());
        Assert.Equal(24, secret.Key.Length);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/insurer-x)", "unresolved Key Vault reference")]
    [InlineData("whsec_", "hold 24 to 64 bytes")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "hold 24 to 64 bytes")] // 23 bytes
    [InlineData("whsec_not*base64", "not base64")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw", "not base64")]
    public void TryParse_BadValue_SaysWhy(string? text, string expected)
    {
        Assert.False(WebhookSecret.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_KeySizeLimits()
    {
        Assert.True(WebhookSecret.TryParse("whsec_" + Convert.ToBase64String(new byte[64]), out _, out _));
        Assert.False(WebhookSecret.TryParse("whsec_" + Convert.ToBase64String(new byte[65]), out _, out _));
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var secret = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Assert.DoesNotContain("MfKQ", secret.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("MfKQ", new InsurerWebhookSecrets("insurer-x", secret).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_DuplicateInsurer_Throws()
    {
        var secret = WebhookSecret.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Assert.Throws<ArgumentException>(() => new WebhookSecretRegistry([new("insurer-x", secret), new("insurer-x", secret)]));
    }
}
