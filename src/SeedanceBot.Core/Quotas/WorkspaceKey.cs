namespace SeedanceBot.Core.Quotas;

/// <summary>A workspace on one platform (a Discord guild, a Slack team, the playground).</summary>
public sealed record WorkspaceKey(string Platform, string WorkspaceId)
{
    public override string ToString() => $"{Platform}:{WorkspaceId}";
}
