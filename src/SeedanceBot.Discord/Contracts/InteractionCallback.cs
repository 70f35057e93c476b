namespace SeedanceBot.Discord.Contracts;

/// <summary>The answer to an interaction: <c>{"type": n, "data": {...}}</c>.</summary>
internal sealed record InteractionCallback(int Type, object? Data = null)
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int DeferredUpdateMessage = 6;
    public const int AutocompleteResult = 8;
    public const int Modal = 9;
}
