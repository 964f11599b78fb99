using System.Text;
using MedLedger.Clients.KeyVault;

namespace MedLedger.Clients.Tests.KeyVault;

public sealed class JsonWebKeyEncodingTests
{
    [Theory]
    [InlineData(new byte[] { 0xfb, 0xff }, "-_8")]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void EncodeToUtf8_IsUnpaddedBase64Url(byte[] data, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(JsonWebKeyEncoding.EncodeToUtf8(data)));
    }

    [Theory]
    [InlineData("-_8")]
    [InlineData("+/8")]
    [InlineData("+/8=")]
    [InlineData("-_8=")]
    public void DecodeTolerant_EitherAlphabetWithOrWithoutPadding_Decodes(string text)
    {
        Assert.Equal(new byte[] { 0xfb, 0xff }, JsonWebKeyEncoding.DecodeTolerant(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab!c")]
    [InlineData("ab c")]
    public void DecodeTolerant_NotBase64_ReturnsNull(string text)
    {
        Assert.Null(JsonWebKeyEncoding.DecodeTolerant(Encoding.ASCII.GetBytes(text)));
    }
}
