namespace SeedanceBot.Seedance.Contracts;

/// <summary>
/// One input image of <c>POST /videos</c> (the product's addition to the contract): a <c>data:image/…;base64,</c> URL
/// and its role, <c>first_frame</c>, <c>last_frame</c> or <c>reference_image</c>.
/// </summary>
public sealed record SeedanceImage(string Url, string Role);
