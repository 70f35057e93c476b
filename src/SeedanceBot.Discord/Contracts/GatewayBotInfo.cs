namespace SeedanceBot.Discord.Contracts;

/// <summary><c>GET /gateway/bot</c>: where to connect and how many identifies are left.</summary>
internal sealed record GatewayBotInfo(string Url, int Shards = 1, SessionStartLimit? SessionStartLimit = null);
