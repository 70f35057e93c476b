using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Media;
using SeedanceBot.Core.Video;
using SeedanceBot.Discord.Contracts;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// The images attached to <c>/video</c>'s ATTACHMENT options (<see cref="DiscordCommands.ImageOptions"/>), downloaded at
/// once (the CDN links expire) from Discord's CDN only, at most <see cref="ImageChecks.MaxBytes"/> each (refused from
/// the declared size before anything is fetched, and while reading), and handed to Core typed, with their roles. Core
/// then reads each file from its bytes. Any problem refuses the whole command, before anything is charged.
/// </summary>
internal sealed class AttachedImages(IHttpClientFactory httpFactory, IOptions<DiscordOptions> options, ILogger<InteractionHandler> logger)
{
    public const string ClientName = "discord-attachments";

    /// <summary>Discord's CDN hosts (https only).</summary>
    public static readonly IReadOnlyList<string> CdnHosts = ["cdn.discordapp.com", "media.discordapp.net"];

    /// <summary>The images, or every problem in one message (null when there is none).</summary>
    public async Task<(IReadOnlyList<VideoImage> Images, string? Problem)> DownloadAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var images = new List<VideoImage>();
        var problems = new List<string>();
        foreach (var option in interaction.Data?.Options ?? [])
        {
            if (!DiscordCommands.ImageOptions.TryGetValue(option.Name, out var role) || option.Type != DiscordCommands.Attachment)
            {
                continue;
            }

            var id = InteractionMapping.Value(option);
            if (id is null || interaction.Data?.Resolved?.Attachments?.GetValueOrDefault(id) is not { } attachment)
            {
                problems.Add($"The {ImageChecks.RoleName(role)} is missing from what Discord sent; attach it again.");
                continue;
            }

            var label = ImageDownload.Label(role, attachment.Filename);
            var problem = await DownloadAsync(attachment, role, images, cancellationToken);
            if (problem is not null)
            {
                Log.AttachmentRefused(logger, role, problem);
                problems.Add($"{label} {problem}.");
            }
        }

        return (images, problems.Count == 0 ? null : string.Join('\n', problems));
    }

    private async Task<string?> DownloadAsync(DiscordAttachment attachment, ImageRole role, List<VideoImage> images, CancellationToken cancellationToken)
    {
        if (attachment.Size > ImageChecks.MaxBytes)
        {
            return ImageDownload.TooLarge(ImageChecks.MaxBytes);
        }

        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || !ImageDownload.IsAllowed(url, CdnHosts, options.Value.ExtraAttachmentHosts))
        {
            return "is not on Discord's file servers, so I won't fetch it";
        }

        var (content, problem) = await ImageDownload.GetAsync(httpFactory.CreateClient(ClientName), url, null, ImageChecks.MaxBytes, cancellationToken);
        if (content is null)
        {
            return problem;
        }

        images.Add(new VideoImage { Role = role, Content = content, Length = content.LongLength, FileName = attachment.Filename });
        return null;
    }
}
