namespace SeedanceBot.ModelArk.Contracts;

/// <summary>The list call's answer: items in the list's own shape (<see cref="ArkListItem"/>), not GET's.</summary>
internal sealed record ArkTaskList(IReadOnlyList<ArkListItem>? Items, int Total);
