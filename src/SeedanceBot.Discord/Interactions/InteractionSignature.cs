using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Discord's request signature: Ed25519 over the bytes of <c>X-Signature-Timestamp</c> followed by the raw body,
/// checked with the application's public key. Anything malformed is simply "not valid".
/// </summary>
internal sealed class InteractionSignature
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _key;

    public InteractionSignature(string publicKeyHex)
    {
        _key = PublicKey.Import(Algorithm, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp) || !signatureHex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(stamp.Length));
        return VerifyMessage(signed, Convert.FromHexString(signatureHex));
    }

    /// <summary>Plain Ed25519 verification of <paramref name="message"/> (what the RFC 8032 vectors test).</summary>
    public bool VerifyMessage(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == Algorithm.SignatureSize && Algorithm.Verify(_key, message, signature);

    /// <summary>Seconds since the epoch, as Discord sends it; null when it is not a number.</summary>
    public static DateTimeOffset? ParseTimestamp(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
