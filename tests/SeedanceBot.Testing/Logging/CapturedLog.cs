using Microsoft.Extensions.Logging;

namespace SeedanceBot.Testing.Logging;

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string Properties, string? Exception)
{
    public override string ToString() => $"{Level} {Category} [{EventId.Id} {EventId.Name}] {Message} | {Properties} | {Exception}";
}
