using System.Text.Json;

namespace SeedanceBot.Discord.Interactions;

/// <summary>What a modal submission's fields hold, however Discord nests them.</summary>
internal static class ModalInputs
{
    /// <summary>Every text input's id and value, in label components (type 18, one "component") or older action rows ("components").</summary>
    public static IEnumerable<(string Id, string Value)> TextInputs(JsonElement? components)
    {
        if (components is not { ValueKind: JsonValueKind.Array } array)
        {
            yield break;
        }

        var pending = new Stack<JsonElement>(array.EnumerateArray());
        while (pending.TryPop(out var node))
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (node.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String
                && node.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return (id.GetString()!, value.GetString()!);
            }

            if (node.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    pending.Push(child);
                }
            }

            if (node.TryGetProperty("component", out var inner))
            {
                pending.Push(inner);
            }
        }
    }
}
