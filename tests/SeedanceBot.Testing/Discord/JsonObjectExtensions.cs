using System.Text.Json.Nodes;

namespace SeedanceBot.Testing.Discord;

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
