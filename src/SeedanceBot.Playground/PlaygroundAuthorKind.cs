namespace SeedanceBot.Playground;

/// <summary>Who wrote a message: the page styles it by this, never by the author's name (anyone may type any name).</summary>
public enum PlaygroundAuthorKind
{
    Person,
    Bot,
}
