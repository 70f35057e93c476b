using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Delivery;

/// <summary>The registered platforms, by name.</summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms)
{
    private readonly Dictionary<string, IChatPlatform> _byName = platforms.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public IChatPlatform For(ChatOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return _byName.TryGetValue(origin.Platform, out var platform)
            ? platform
            : throw new InvalidOperationException($"No chat platform named '{origin.Platform}' is enabled.");
    }

    public bool IsEnabled(string platform) => _byName.ContainsKey(platform);
}
