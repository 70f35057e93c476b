using System.Text.Json.Serialization;

namespace SeedanceBot.Seedance.Contracts;

/// <summary><c>GET /styles</c>: <c>{"styles": [...]}</c>, or a bare array.</summary>
[JsonConverter(typeof(SeedanceStyleListConverter))]
public sealed record SeedanceStyleList(IReadOnlyList<SeedanceStyle> Styles);
