using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeedanceBot.Simulator;

/// <summary>
/// The contract's <c>images</c> field (the product's choice; the spec has none): <c>[{"url":"data:image/png;base64,...",
/// "role":"first_frame"}]</c> with the roles <c>first_frame</c>, <c>last_frame</c> and <c>reference_image</c> in three
/// modes that cannot be mixed (a first frame; a first and a last frame; 1-9 references). Each image is a data URL of a
/// PNG, JPEG or WebP (checked by its magic bytes, not its declared type alone) of at most 30 MB.
/// </summary>
internal static class ImageRules
{
    public const int MaxReferences = 9;
    public const long MaxImageBytes = 30L * 1024 * 1024;

    /// <summary>A request body may be this large (images travel base64 inside it).</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    private static readonly string[] Roles = ["first_frame", "last_frame", "reference_image"];

    /// <summary>Checks <c>images</c>; returns what the job records of each (role, type, size, SHA-256), never the bytes.</summary>
    public static JsonArray? Check(JsonElement root, List<(string, string)> errors)
    {
        if (!root.TryGetProperty("images", out var images) || images.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (images.ValueKind != JsonValueKind.Array || images.GetArrayLength() is < 1 or > MaxReferences + 1)
        {
            errors.Add(("images", $"must be an array of 1 to {MaxReferences} objects {{url, role}}"));
            return null;
        }

        var recorded = new JsonArray();
        var roles = new List<string>();
        var index = 0;
        foreach (var image in images.EnumerateArray())
        {
            var field = $"images[{index++}]";
            if (image.ValueKind != JsonValueKind.Object)
            {
                errors.Add((field, "must be an object {url, role}"));
                continue;
            }

            if (!image.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String || !Roles.Contains(roleElement.GetString()))
            {
                errors.Add((field + ".role", "must be one of first_frame, last_frame, reference_image"));
                continue;
            }

            var role = roleElement.GetString()!;
            roles.Add(role);
            if (!image.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
            {
                errors.Add((field + ".url", "is required: a data:image/(png|jpeg|webp);base64, URL"));
                continue;
            }

            if (Read(url.GetString()!, out var contentType, out var bytes) is { } problem)
            {
                errors.Add((field + ".url", problem));
                continue;
            }

            recorded.Add((JsonNode)new JsonObject
            {
                ["role"] = role,
                ["content_type"] = contentType,
                ["bytes"] = bytes.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }

        int Count(string role) => roles.Count(r => r == role);
        if (Count("first_frame") > 1 || Count("last_frame") > 1)
        {
            errors.Add(("images", "may have at most one first_frame and one last_frame"));
        }

        if (Count("last_frame") > 0 && Count("first_frame") == 0)
        {
            errors.Add(("images", "a last_frame needs a first_frame"));
        }

        if (Count("reference_image") > 0 && Count("first_frame") + Count("last_frame") > 0)
        {
            errors.Add(("images", "reference_image cannot be combined with first_frame or last_frame"));
        }

        if (Count("reference_image") > MaxReferences)
        {
            errors.Add(("images", $"may have at most {MaxReferences} reference_image items"));
        }

        return recorded;
    }

    private static string? Read(string url, out string contentType, out byte[] bytes)
    {
        contentType = "";
        bytes = [];
        const string Base64 = ";base64,";
        var comma = url.IndexOf(Base64, StringComparison.Ordinal);
        if (!url.StartsWith("data:image/", StringComparison.Ordinal) || comma < 0)
        {
            return "must be a data:image/(png|jpeg|webp);base64, URL";
        }

        contentType = url[5..comma];
        if (contentType is not ("image/png" or "image/jpeg" or "image/webp"))
        {
            return "must be an image/png, image/jpeg or image/webp";
        }

        var data = url.AsSpan(comma + Base64.Length);
        if ((long)data.Length * 3 / 4 > MaxImageBytes)
        {
            return $"must be at most {MaxImageBytes / 1024 / 1024} MB";
        }

        bytes = new byte[data.Length * 3 / 4];
        if (!Convert.TryFromBase64Chars(data, bytes, out var written) || written == 0)
        {
            return "is not valid base64";
        }

        bytes = bytes[..written];
        var matches = contentType switch
        {
            "image/png" => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            "image/jpeg" => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            _ => bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8),
        };
        return matches ? null : $"does not hold a {contentType} (its bytes say otherwise)";
    }
}
