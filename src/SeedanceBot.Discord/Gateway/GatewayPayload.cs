using System.Text.Json;

namespace SeedanceBot.Discord.Gateway;

/// <summary><c>{"op": int, "d": any, "s": int|null, "t": string|null}</c>.</summary>
internal sealed record GatewayPayload(int Op, JsonElement Data, long? Sequence, string? Type);
