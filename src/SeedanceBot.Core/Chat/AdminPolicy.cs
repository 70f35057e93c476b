using Microsoft.Extensions.Configuration;

namespace SeedanceBot.Core.Chat;

/// <summary>
/// Who is an admin: the platform's own signal the adapter passes in (Discord Administrator/Manage Server, Slack admin or
/// owner), or a user id listed under <c>{Platform}:AdminUserIds</c> (e.g. <c>Discord:AdminUserIds</c>).
/// </summary>
public sealed class AdminPolicy(IConfiguration configuration)
{
    public bool IsAdmin(string platform, ChatUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsPlatformAdmin)
        {
            return true;
        }

        var section = configuration.GetSection(platform).GetSection("AdminUserIds");
        // An array (AdminUserIds__0=U1) or one comma-separated value (AdminUserIds=U1,U2).
        var configured = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => v?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []);
        return configured.Contains(user.UserId, StringComparer.Ordinal);
    }
}
