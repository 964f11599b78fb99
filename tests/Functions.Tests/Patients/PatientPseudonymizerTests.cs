using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MedLedger.Functions.Keys;
using MedLedger.Functions.Patients;
using MedLedger.Functions.Tests.Support;

namespace MedLedger.Functions.Tests.Patients;

public sealed class PatientPseudonymizerTests
{
    private static readonly PatientPseudonymizer Pseudonymizer = new(new LedgerSecrets(TestSettings.DevelopmentSecret));

    [Fact]
    public void Pseudonymize_KnownAnswer_MatchesAnyHmacTool()
    {
        // echo -n patient-0001 | openssl dgst -sha256 -hmac "$secret" -binary | base64 | tr '+/' '-_' | tr -d '='
        Assert.Equal("qVHYeS5t577TLDA6vEC3bOPPeVuNiZ2O0QpnDpcMnLg", Pseudonymizer.Pseudonymize("patient-0001"));
    }

    [Fact]
    public void Pseudonymize_IsHmacSha256UnderTheSecret_ForAnyId()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), id =>
        {
            var text = id.Get;
            if (!PatientPseudonymizer.IsValidPatientId(text))
            {
                return Assert.Throws<ArgumentException>(() => Pseudonymizer.Pseudonymize(text)) is not null;
            }

            var expected = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestSettings.DevelopmentSecret), Encoding.UTF8.GetBytes(text)));
            var pseudonym = Pseudonymizer.Pseudonymize(text);
            return pseudonym == expected && pseudonym.Length == PatientPseudonymizer.PseudonymLength;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Pseudonymize_OtherSecret_OtherPseudonym()
    {
        var other = new PatientPseudonymizer(new LedgerSecrets("another-secret-of-at-least-32-characters"));

        Assert.NotEqual(Pseudonymizer.Pseudonymize("patient-0001"), other.Pseudonymize("patient-0001"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("tab\tinside")]
    [InlineData("line\nbreak")]
    public void IsValidPatientId_Refuses(string id) => Assert.False(PatientPseudonymizer.IsValidPatientId(id));

    [Fact]
    public void IsValidPatientId_LoneSurrogate_Refused()
    {
        // Not theory data: test data is serialized as UTF-8, which cannot carry a lone surrogate.
        Assert.False(PatientPseudonymizer.IsValidPatientId("id-\ud800"));
        Assert.False(PatientPseudonymizer.IsValidPatientId("\udc00-id"));
    }

    [Theory]
    [InlineData("p")]
    [InlineData("MRN 0001/Ward 4")]
    [InlineData("Zoë-Ünal")]
    [InlineData("患者-42")]
    [InlineData("\ud83d\ude00")]
    public void IsValidPatientId_Accepts(string id) => Assert.True(PatientPseudonymizer.IsValidPatientId(id));

    [Fact]
    public void IsValidPatientId_TooLong_Refused()
    {
        Assert.True(PatientPseudonymizer.IsValidPatientId(new string('x', PatientPseudonymizer.MaxPatientIdLength)));
        Assert.False(PatientPseudonymizer.IsValidPatientId(new string('x', PatientPseudonymizer.MaxPatientIdLength + 1)));
    }
}
