namespace SeedanceBot.ModelArk.Contracts;

/// <summary>An image item's <c>image_url</c>: a URL, a <c>data:image/…;base64,</c> URL or <c>asset://ID</c>; the bot sends data URLs.</summary>
internal sealed record ArkImageUrl(string Url);
