using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Media;
using SeedanceBot.Core.Video;

namespace SeedanceBot.Slack.Events;

/// <summary>
/// The files of a /video form submission (<see cref="VideoModal.ReadFiles"/>), downloaded at once from their
/// <c>url_private_download</c> with the bot token (scope <c>files:read</c>), only from <c>files.slack.com</c>, at most
/// <see cref="MaxBytes"/> each (Slack's own limit for a file input; refused from the declared size, and while reading),
/// and handed to Core typed with their roles. Core reads each file from its bytes; any problem refuses the form.
/// </summary>
internal sealed class SubmittedImages(IHttpClientFactory httpFactory, IOptions<SlackOptions> options, ILogger<SlackRequestHandler> logger)
{
    public const string ClientName = "slack-files";

    /// <summary>Slack takes at most 10 MB per file in a file input.</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    public const string FilesHost = "files.slack.com";

    /// <summary>The images, or every problem in one message (null when there is none).</summary>
    public async Task<(IReadOnlyList<VideoImage> Images, string? Problem)> DownloadAsync(IReadOnlyList<SubmittedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var images = new List<VideoImage>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var (content, problem) = await DownloadAsync(file, cancellationToken);
            if (content is null)
            {
                Log.FileRefused(logger, file.Role, problem!);
                problems.Add($"{ImageDownload.Label(file.Role, file.Name)} {problem}.");
                continue;
            }

            images.Add(new VideoImage { Role = file.Role, Content = content, Length = content.LongLength, FileName = file.Name });
        }

        return (images, problems.Count == 0 ? null : string.Join('\n', problems));
    }

    private async Task<(byte[]? Content, string? Problem)> DownloadAsync(SubmittedFile file, CancellationToken cancellationToken)
    {
        if (file.Size > MaxBytes)
        {
            return (null, ImageDownload.TooLarge(MaxBytes));
        }

        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var url) || !ImageDownload.IsAllowed(url, [FilesHost], options.Value.ExtraFileHosts))
        {
            return (null, "is not on Slack's file servers, so I won't fetch it");
        }

        return await ImageDownload.GetAsync(httpFactory.CreateClient(ClientName), url, new AuthenticationHeaderValue("Bearer", options.Value.BotToken), MaxBytes, cancellationToken);
    }
}
