namespace SeedanceBot.Discord.Contracts;

/// <summary>A modal: a title (45 characters) and up to five rows, each with one text input.</summary>
internal sealed record ModalData(string CustomId, string Title, IReadOnlyList<Component> Components);
