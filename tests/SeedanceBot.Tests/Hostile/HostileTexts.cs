namespace SeedanceBot.Tests.Hostile;

/// <summary>
/// What a person (or a script) may type after a slash command: every text here goes through every door. Each is named,
/// so a failure says which one.
/// </summary>
internal static class HostileTexts
{
    public static IReadOnlyList<(string Name, string Text)> Video { get; } =
    [
        ("empty", string.Empty),
        ("spaces", "     "),
        ("nul", "\0"),
        ("nul inside", "a fox\0 in the snow"),
        ("100k letters", new string('x', 100_000)),
        ("100k brackets", new string('[', 100_000)),
        ("100k brackets with s", string.Concat(Enumerable.Repeat("[s", 50_000))),
        ("5k pipes", new string('|', 5_000)),
        ("5k spaced pipes", string.Concat(Enumerable.Repeat(" | ", 1_700))),
        ("20k dashes", string.Concat(Enumerable.Repeat("--a ", 5_000))),
        ("camera commas", "a fox --camera " + new string(',', 20_000)),
        ("open bracket", "a fox ["),
        ("zero-second scenes", "a fox [0s] | a hare [0s]"),
        ("overflowing scene", "a fox [99999999999s] | a hare [3s]"),
        ("overflowing duration", "a fox --duration 99999999999"),
        ("negative duration", "a fox --duration -4"),
        ("negative seed", "a fox --seed -1"),
        ("overflowing seed", "a fox --seed 999999999999999999999999"),
        ("bad ratio", "a fox --ar 999:1"),
        ("flag without value", "a fox --ar"),
        ("unknown flag", "a fox --rm -rf"),
        ("lone high surrogate", "a fox \uD800 in the snow"),
        ("lone low surrogate", "\uDC00 a fox"),
        ("right-to-left override", "\u202Ea fox in the snow"),
        ("zero-width", "a\u200B f\u200Dox \uFEFFin the snow"),
        ("hyphen homoglyphs", "\u2010\u2010duration 4 a fox"),
        ("minus sign dashes", "\u2212\u2212duration 4 a fox"),
        ("fullwidth dashes", "\uFF0D\uFF0Dduration 4 a fox"),
        ("small hyphen dashes", "\uFE63\uFE63duration 4 a fox"),
        ("one scene and a pipe", "a fox |"),
        ("empty scenes", " | | "),
        ("11 scenes", string.Join(" | ", Enumerable.Range(1, 11).Select(i => $"shot {i} [2s]"))),
        ("1000 scenes", string.Join(" | ", Enumerable.Range(1, 1000).Select(i => $"shot {i}"))),
        ("@everyone", "@everyone a fox in the snow"),
        ("@here", "@here a fox in the snow"),
        ("slack channel", "<!channel> a fox in the snow"),
        ("slack here", "<!here|here> a fox in the snow"),
        ("slack everyone", "<!everyone> a fox"),
        ("slack user group", "<!subteam^S0123ABC|@devs> a fox in the snow"),
        ("slack user mention", "<@U0SOMEONE> a fox in the snow"),
        ("slack escaped channel", "&lt;!channel&gt; a fox"),
        ("discord role", "<@&1200000000000000444> a fox in the snow"),
        ("discord user", "<@1100000000000000999> and <@!1100000000000000998> a fox"),
        ("discord channel", "<#1200000000000000222> a fox"),
        ("zero-width everyone", "@\u200Beveryone a fox"),
        ("slack link with label", "<https://example.com/cat|my cat> walking in the snow"),
        ("markdown", "*bold* _it_ ~s~ `code` ```block``` > quote a fox"),
        ("style path", "a fox --style ../../etc/passwd"),
        ("style mention", "a fox --style <!here>"),
        ("motion nul", "a fox --motion \0"),
        ("emoji", "🦊🦊🦊 a fox 👨‍👩‍👧‍👦 in the snow ❄️"),
        ("html", "<script>alert(1)</script> a fox"),
        ("plain prompt", "a fox walking through a snowy forest --duration 4"),
        ("storyboard", "a wide harbour at dawn [3s] | a gull taking off [2s]"),
    ];

    /// <summary>Arguments for the other commands: ids of jobs that do not exist, injection and oversize text.</summary>
    public static IReadOnlyList<(string Command, string Name, string Text)> Other { get; } =
    [
        ("status", "unknown job", "not-a-job"),
        ("status", "path", "../../../etc/passwd"),
        ("status", "nul", "\0"),
        ("status", "mention", "<!channel>"),
        ("status", "huge", new string('j', 100_000)),
        ("quota", "set someone", "set <@U0VICTIM> videos=999999999999"),
        ("quota", "reset", "reset <!channel>"),
        ("quota", "garbage", "\u202E\0 ||| --- ==="),
        ("styles", "argument", "<!here>"),
        ("balance", "argument", new string('b', 10_000)),
        ("help", "argument", "@everyone"),
        ("backup", "argument", "now please"),
    ];
}
