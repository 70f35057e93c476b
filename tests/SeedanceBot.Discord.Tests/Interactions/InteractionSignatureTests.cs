using SeedanceBot.Discord.Interactions;

namespace SeedanceBot.Discord.Tests.Interactions;

/// <summary>Ed25519 as Discord uses it: RFC 8032 section 7.1 vectors, then timestamp + body with the key from the portal.</summary>
public sealed class InteractionSignatureTests
{
    [Theory]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void VerifyMessage_Rfc8032Vectors_AreValid_AndAFlippedBitIsNot(string publicKey, string message, string signature)
    {
        var verifier = new InteractionSignature(publicKey);
        var bytes = Convert.FromHexString(message);
        var sig = Convert.FromHexString(signature);

        Assert.True(verifier.VerifyMessage(bytes, sig));
        sig[0] ^= 1;
        Assert.False(verifier.VerifyMessage(bytes, sig));
    }

    [Fact]
    public void Verify_TimestampPlusBody_MatchesRfcVectorSplitAcrossTheTwo()
    {
        // TEST 2's message is the single byte 'r': as timestamp "r" with an empty body it must verify the same way.
        var verifier = new InteractionSignature("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        const string signature = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

        Assert.True(verifier.Verify(signature, "r", []));
        Assert.False(verifier.Verify(signature, "s", []));
        Assert.False(verifier.Verify(signature, "r", "x"u8));
    }

    [Theory]
    [InlineData(null, "1700000000")]
    [InlineData("", "1700000000")]
    [InlineData("zz", "1700000000")]
    [InlineData("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00", null)]
    [InlineData("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c0g", "r")]
    public void Verify_MissingOrMalformedHeaders_IsInvalidNotAnException(string? signature, string? timestamp)
    {
        var verifier = new InteractionSignature("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

        Assert.False(verifier.Verify(signature, timestamp, "{}"u8));
    }
}
