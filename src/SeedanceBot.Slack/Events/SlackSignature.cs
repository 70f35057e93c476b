using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// Slack's v0 request signature: <c>v0=</c> + hex HMAC-SHA256, keyed with the signing secret (as UTF-8 text), over
/// <c>v0:{timestamp}:{raw body}</c>; compared in constant time; timestamps further than the allowed age from now (either
/// way, as Slack's docs say) are refused as replays.
/// </summary>
internal sealed class SlackSignature(string signingSecret, TimeSpan maxAge, TimeProvider time)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(signingSecret);

    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Missing;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > maxAge)
        {
            return SignatureCheck.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value Slack would send for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes("v0:" + timestamp + ":");
        var baseString = new byte[prefix.Length + body.Length];
        prefix.CopyTo(baseString, 0);
        body.CopyTo(baseString.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, baseString));
    }
}
