using System.Text;
using System.Text.Json.Nodes;
using SeedanceBot.Slack.Events;
using SeedanceBot.Testing.Fixtures;

namespace SeedanceBot.Slack.Tests.Events;

/// <summary>v0 signatures against Slack's own worked example (a copy in tests/SeedanceBot.Testing/Fixtures/slack) and the spec's extra vectors.</summary>
public sealed class SlackSignatureTests
{
    private static readonly JsonObject Example = JsonNode.Parse(RepoFixtures.Read("slack/signing-example.json"))!.AsObject();
    private static readonly string Secret = (string)Example["signing_secret"]!;
    private static readonly string Timestamp = (string)Example["timestamp"]!;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes((string)Example["body"]!);
    private static readonly string Expected = (string)Example["expected_signature"]!;

    private static SlackSignature At(long unixSeconds, string? secret = null) =>
        new(secret ?? Secret, TimeSpan.FromMinutes(5), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void Sign_SlacksExample_GivesThePublishedSignature()
    {
        Assert.Equal(Expected, At(1531420618).Sign(Timestamp, Body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(-300)]
    public void Verify_SlacksExample_WithinFiveMinutes_IsValid(int offsetSeconds)
    {
        Assert.Equal(SignatureCheck.Valid, At(1531420618 + offsetSeconds).Verify(Timestamp, Expected, Body));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_SlacksExample_MoreThanFiveMinutesOff_IsStale(int offsetSeconds)
    {
        Assert.Equal(SignatureCheck.Stale, At(1531420618 + offsetSeconds).Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_AgainstTheRealClock_IsStale()
    {
        var signature = new SlackSignature(Secret, TimeSpan.FromMinutes(5), TimeProvider.System);

        Assert.Equal(SignatureCheck.Stale, signature.Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_OneByteOfTheBodyChanged_IsAMismatch()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 0x01;

        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(Timestamp, Expected, tampered));
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(Timestamp, Expected, [.. Body, .. "------"u8.ToArray()]));
    }

    [Fact]
    public void Verify_TimestampChanged_IsAMismatch()
    {
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify("1531420619", Expected, Body));
    }

    [Theory]
    [InlineData("V0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503")]
    [InlineData("v0=")]
    public void Verify_MalformedHeader_IsAMismatch(string header)
    {
        Assert.Equal(SignatureCheck.Mismatch, At(1531420618).Verify(Timestamp, header, Body));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "v0=abc")]
    [InlineData("not-a-number", "v0=abc")]
    public void Verify_MissingOrNonNumericHeaders_AreRefused(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.Missing, At(1531420618).Verify(timestamp, signature, Body));
    }

    [Theory]
    [InlineData("secret", "{\"foo\":\"bar\"}", "v0=bb5bc143e1afa37151ea6887f794287bcfad6113bb7596ffca6ec599ecbdc216")]
    [InlineData("secret", "{\"text\":\"héllo\"}", "v0=2df5cd125bcd638570f89daa98ac102e0ca94246824a5ce5615dd0a32fca9077")]
    [InlineData(null, "", "v0=55f41ec73231010289b54e669149ea021fccab11b5524355523533ce930cb739")]
    [InlineData(null, "payload=%7B%22type%22%3A%22block_actions%22%7D", "v0=9dffc25b49a4a7fc2e15c9c9450bf8af09eb501fcef9039eaea3deb58af0c82c")]
    public void Sign_SpecVectors_HashTheRawUtf8Bytes(string? secret, string body, string expected)
    {
        Assert.Equal(expected, At(1531420618, secret).Sign("1531420618", Encoding.UTF8.GetBytes(body)));
    }
}
