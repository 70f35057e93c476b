namespace SeedanceBot.Discord.Contracts;

/// <summary>A modal: a title (45 characters) and up to five label components, each around one text input.</summary>
internal sealed record ModalData(string CustomId, string Title, IReadOnlyList<Component> Components);
