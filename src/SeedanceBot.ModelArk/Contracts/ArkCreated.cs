namespace SeedanceBot.ModelArk.Contracts;

/// <summary>What a create answers: the task id only.</summary>
internal sealed record ArkCreated(string Id);
