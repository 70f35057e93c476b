namespace SeedanceBot.Core.Chat;

/// <summary>Who typed the command, as the adapter knows them.</summary>
/// <param name="UserId">The platform's user id.</param>
/// <param name="DisplayName">For messages; never used to decide anything.</param>
/// <param name="RoleIds">Role ids for role quota tiers (Discord); empty where a platform has no roles.</param>
/// <param name="IsPlatformAdmin">The platform's own admin signal (Discord Administrator/Manage Server, Slack admin/owner).</param>
public sealed record ChatUser(string UserId, string? DisplayName = null, IReadOnlyList<string>? RoleIds = null, bool IsPlatformAdmin = false)
{
    public IReadOnlyList<string> Roles => RoleIds ?? [];
}
