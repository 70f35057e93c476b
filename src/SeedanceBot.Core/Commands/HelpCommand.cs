using SeedanceBot.Core.Chat;

namespace SeedanceBot.Core.Commands;

/// <summary>/help: the commands and the /video syntax.</summary>
public sealed class HelpCommand : ICommandHandler
{
    public const string CommandName = "help";

    public const string Text = """
        /video <prompt> [options] — make a video. Options:
          --ar 16:9|9:16|1:1   aspect ratio (default 16:9)
          --duration 8         seconds (or 8s)
          --style anime        a style from /styles
          --seed 42            repeat a result exactly
          --motion low|medium|high
          --camera zoom-in,pan-left   any of zoom-in, zoom-out, pan-left, pan-right, tilt-up, tilt-down
        Storyboard: separate 2-10 scenes with " | ", each with its own length in brackets:
          /video Wide shot of a harbour at dawn [4s] | Close-up of a gull taking off [3s] --style cinematic
          (where the video API has no scenes, e.g. BytePlus ModelArk, the shots become one multi-shot prompt, in order)
          (a | without spaces, or written \|, stays in the prompt: OPEN|CLOSED, OPEN \| CLOSED)
        /styles — the available styles
        /balance — your videos and seconds left today
        /status [job] — one job, or your latest jobs
        /quota ... — admins: show, set, reset, default, role, top, budget (try /quota)
        /backup — admins: write a consistent copy of the bot's data
        /usage [days] [user] — admins: videos and seconds per day (chart + CSV), last 30 days by default
        """;

    public string Name => CommandName;

    public Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken cancellationToken) =>
        Task.FromResult(CommandReply.Of(new ChatMessage { Text = Text, Ephemeral = true }));
}
