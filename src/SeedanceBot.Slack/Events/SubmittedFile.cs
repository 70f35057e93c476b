using SeedanceBot.Core.Video;

namespace SeedanceBot.Slack.Events;

/// <summary>A file put in one of the /video form's file inputs: its role (the input's), name, declared size and private URL.</summary>
internal sealed record SubmittedFile(ImageRole Role, string Name, long Size, string? Url);
