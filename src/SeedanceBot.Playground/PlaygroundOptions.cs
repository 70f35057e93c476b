namespace SeedanceBot.Playground;

/// <summary>The <c>Playground</c> section: the local web chat served at <c>/</c>.</summary>
public sealed class PlaygroundOptions
{
    public const string SectionName = "Playground";

    /// <summary>Null: on when no other chat platform is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Everyone at the local page is an admin (it is your own machine); set false to try the quota refusals.</summary>
    public bool EveryoneIsAdmin { get; set; } = true;

    /// <summary>A notice shown at the top of the page (the host sets one when the simulator is in use).</summary>
    public string? Banner { get; set; }
}
