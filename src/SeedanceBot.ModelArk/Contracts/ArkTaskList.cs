namespace SeedanceBot.ModelArk.Contracts;

/// <summary>The list call's answer.</summary>
internal sealed record ArkTaskList(IReadOnlyList<ArkTask>? Items, int Total);
