using System.Text.Json.Nodes;
using SeedanceBot.Core.Commands;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// The slash commands as Discord registers them. Options have the core's names (<see cref="VideoOptionNames"/>), so
/// the typed options reach the same parser as Slack's text.
/// </summary>
internal static class DiscordCommands
{
    public const string Storyboard = "storyboard";
    public const int Shots = 5;

    private const int String = 3;
    private const int Integer = 4;
    private const int Boolean = 5;
    private const int User = 6;
    private const int Role = 8;
    private const int Number = 10;
    private const int Subcommand = 1;
    private const int SubcommandGroup = 2;

    /// <summary>Option type 11: a file the user attaches; its value is an id into <c>data.resolved.attachments</c>.</summary>
    public const int Attachment = 11;

    /// <summary>/video's image options and the role each gives its file (more references come through the playground or Slack).</summary>
    public static readonly IReadOnlyDictionary<string, Core.Video.ImageRole> ImageOptions = new Dictionary<string, Core.Video.ImageRole>(StringComparer.Ordinal)
    {
        ["image"] = Core.Video.ImageRole.FirstFrame,
        ["last_frame"] = Core.Video.ImageRole.LastFrame,
        ["reference"] = Core.Video.ImageRole.Reference,
        ["reference2"] = Core.Video.ImageRole.Reference,
        ["reference3"] = Core.Video.ImageRole.Reference,
    };

    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5): only people who can manage the server see /quota. Still checked server-side.</summary>
    public const string ManageGuild = "32";

    public static JsonArray Definitions()
    {
        JsonNode[] videoOptions =
        [
            Option(String, VideoOptionNames.AspectRatio, "Aspect ratio (16:9 default)", choices: ["16:9", "9:16", "1:1"]),
            Option(Integer, VideoOptionNames.Duration, "Length in seconds", min: 1, max: 20),
            Option(String, VideoOptionNames.Style, "A visual style (see /styles)", autocomplete: true),
            Option(Integer, VideoOptionNames.Seed, "Seed, to make a result again", min: 0, max: int.MaxValue),
            Option(String, VideoOptionNames.Motion, "How much moves", choices: VideoOptionNames.MotionLevels),
            Option(String, VideoOptionNames.Camera, "Camera move", choices: CameraChoices()),
        ];
        // An array of nodes, not a collection expression on JsonArray: its Add<T> would serialize by reflection.
        JsonNode[] commands =
        [
            Command(VideoCommand.CommandName, "Make a video from a prompt",
                [Option(String, VideoOptionNames.Prompt, "What to film", required: true, maxLength: 2000), .. videoOptions.Select(o => o.DeepClone()), .. ImageOptionDefinitions()]),
            Command(Storyboard, $"Make a multi-shot video: a form with up to {Shots} shots",
                [.. videoOptions.Where(o => (string?)o["name"] != VideoOptionNames.Duration).Select(o => o.DeepClone())]),
            Command(StylesCommand.CommandName, "The styles the video API offers", []),
            Command(BalanceCommand.CommandName, "Your videos and seconds left today", []),
            Command(StatusCommand.CommandName, "One job, or your latest jobs",
                [Option(String, "job", "A job id (suggests your latest)", autocomplete: true)]),
            Command(QuotaCommand.CommandName, "Admins: view and change quotas",
                [
                    Sub("show", "A member's quota and usage today", Option(User, "user", "Member", required: true)),
                    Sub("set", "Set a member's daily limits", [Option(User, "user", "Member", required: true), .. Limits(), Option(Boolean, "clear", "Remove the member's own limits")]),
                    Sub("reset", "Reset a member's usage today", Option(User, "user", "Member", required: true)),
                    Sub("default", "Set this server's defaults and caps", [.. Limits(), Option(Integer, "cap_videos", "Whole server: videos per day", min: 0), Option(Integer, "cap_seconds", "Whole server: seconds per day", min: 0)]),
                    Sub("role", "Give a role its own quota", [Option(Role, "role", "Role", required: true), .. Limits(), Option(Boolean, "clear", "Remove the role's quota")]),
                    Sub("top", "Top users today"),
                    Group("budget", "Set, remove (none) or clear a money budget (in the bot's currency)",
                        Sub("user", "A member's daily or monthly budget", [Option(User, "user", "Member", required: true), .. Budget("the member's", "this member")]),
                        Sub("role", "A role's budget (members get their most generous role's)", [Option(Role, "role", "Role", required: true), .. Budget("the role's", "this role")]),
                        Sub("workspace", "The whole server's daily or monthly budget", Budget("the server's", "the server"))),
                ],
                defaultMemberPermissions: ManageGuild),
            Command(BackupCommand.CommandName, "Admins: write a consistent copy of the bot's data", [], defaultMemberPermissions: ManageGuild),
            Command(UsageCommand.CommandName, "Admins: videos and seconds per day, as a chart and a CSV",
                [
                    Option(Integer, UsageCommand.DaysOption, $"How many days back (default {UsageCommand.DefaultDays})", min: 1, max: UsageCommand.MaxDays),
                    Option(User, UsageCommand.UserOption, "Only this member"),
                ],
                defaultMemberPermissions: ManageGuild),
            Command(HelpCommand.CommandName, "How to use SeedanceBot", []),
        ];
        return new JsonArray(commands);
    }

    public static IReadOnlyList<string> CameraChoices()
    {
        string[] zoom = ["zoom-in", "zoom-out"], pan = ["pan-left", "pan-right"], tilt = ["tilt-up", "tilt-down"];
        return
        [
            .. VideoOptionNames.CameraMoves,
            .. zoom.SelectMany(z => pan.Select(p => $"{z},{p}")),
            .. zoom.SelectMany(z => tilt.Select(t => $"{z},{t}")),
            .. pan.SelectMany(p => tilt.Select(t => $"{p},{t}")),
        ];
    }

    private static JsonNode[] ImageOptionDefinitions() =>
    [
        Option(Attachment, "image", "First frame: the video opens on this image (PNG, JPEG, WebP)"),
        Option(Attachment, "last_frame", "Last frame: the video ends on it (needs a first frame)"),
        Option(Attachment, "reference", "A reference image (subject or style); not with frames"),
        Option(Attachment, "reference2", "A second reference image"),
        Option(Attachment, "reference3", "A third reference image"),
    ];

    private static JsonNode[] Limits() =>
    [
        Option(Integer, "videos", "Videos per day", min: 0),
        Option(Integer, "seconds", "Generated seconds per day", min: 0),
        Option(Integer, "concurrent", "Jobs at once", min: 1),
    ];

    private static JsonNode[] Budget(string whose, string who) =>
    [
        Option(String, "period", "Per quota day or per calendar month", required: true, choices: ["daily", "monthly"]),
        Option(Number, "amount", "The budget, e.g. 2.50 (0 allows no spending)", min: 0, max: (long)QuotaRequestParser.MaxBudget),
        Option(Boolean, "none", $"No budget at all for {who} this period (not the default's)"),
        Option(Boolean, "clear", $"Remove {whose} budget for this period"),
    ];

    private static JsonObject Group(string name, string description, params JsonNode[] subcommands) => new()
    {
        ["name"] = name,
        ["type"] = SubcommandGroup,
        ["description"] = description,
        ["options"] = new JsonArray(subcommands),
    };

    private static JsonObject Command(string name, string description, JsonNode[] options, string? defaultMemberPermissions = null)
    {
        var command = new JsonObject
        {
            ["name"] = name,
            ["type"] = 1,
            ["description"] = description,
            ["options"] = new JsonArray(options),
        };
        if (defaultMemberPermissions is not null)
        {
            command["default_member_permissions"] = defaultMemberPermissions;
        }

        return command;
    }

    private static JsonObject Sub(string name, string description, params JsonNode[] options) => new()
    {
        ["name"] = name,
        ["type"] = Subcommand,
        ["description"] = description,
        ["options"] = new JsonArray(options),
    };

    private static JsonObject Option(int type, string name, string description, bool required = false, IReadOnlyList<string>? choices = null,
        long? min = null, long? max = null, int? maxLength = null, bool autocomplete = false)
    {
        var option = new JsonObject { ["type"] = type, ["name"] = name, ["description"] = description };
        if (required)
        {
            option["required"] = true;
        }

        if (choices is not null)
        {
            option["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }

        if (min is not null)
        {
            option["min_value"] = min;
        }

        if (max is not null)
        {
            option["max_value"] = max;
        }

        if (maxLength is not null)
        {
            option["max_length"] = maxLength;
        }

        if (autocomplete)
        {
            option["autocomplete"] = true;
        }

        return option;
    }
}
