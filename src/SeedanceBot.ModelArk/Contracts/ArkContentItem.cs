namespace SeedanceBot.ModelArk.Contracts;

/// <summary>One item of a task's <c>content</c>; the bot sends only <c>{"type":"text","text":...}</c>.</summary>
internal sealed record ArkContentItem(string Type, string? Text = null);
