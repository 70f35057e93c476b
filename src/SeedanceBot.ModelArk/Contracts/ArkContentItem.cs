namespace SeedanceBot.ModelArk.Contracts;

/// <summary>
/// One item of a task's <c>content</c>: <c>{"type":"text","text":...}</c>, or an input image
/// <c>{"type":"image_url","image_url":{"url":"data:image/png;base64,..."},"role":"first_frame"}</c>.
/// </summary>
internal sealed record ArkContentItem(string Type, string? Text = null, ArkImageUrl? ImageUrl = null, string? Role = null);
