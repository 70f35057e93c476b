using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SeedanceBot.Core.Chat;
using SeedanceBot.Core.Commands;
using SeedanceBot.Core.Jobs;
using SeedanceBot.Core.Styles;
using SeedanceBot.Discord.Adapter;
using SeedanceBot.Discord.Contracts;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// One handler for both transports: turns an interaction into a Core command, answers inside Discord's 3-second window
/// (at once when Core is quick, else a deferred response that is filled in later), and keeps errors ephemeral. The
/// transport supplies <c>respond</c>: a REST callback (Gateway) or the HTTP response body.
/// </summary>
internal sealed class InteractionHandler(
    CommandRouter router,
    JobActions actions,
    StylesCache styles,
    IJobStore store,
    IDiscordRest rest,
    InteractionAcks acks,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public const string PlatformName = "discord";

    /// <summary>How long Core gets to answer before the bot defers; well inside Discord's 3 s.</summary>
    public static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(2);

    private const int MaxChoices = 25;
    private static readonly BigInteger Administrator = 1 << 3;
    private static readonly BigInteger ManageGuild = 1 << 5;

    public async Task HandleAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(respond);
        var answered = false;
        async Task Respond(InteractionCallback callback)
        {
            answered = true;
            await respond(callback);
        }

        acks.Expect(interaction.Id);
        try
        {
            switch (interaction.Type)
            {
                case Interaction.Ping:
                    await Respond(new InteractionCallback(InteractionCallback.Pong));
                    break;
                case Interaction.ApplicationCommand when interaction.Data?.Name == DiscordCommands.Storyboard:
                    await Respond(new InteractionCallback(InteractionCallback.Modal, StoryboardModal(interaction.Data)));
                    break;
                case Interaction.ApplicationCommand:
                    var command = ToCommand(interaction);
                    await AnswerAsync(interaction, router.HandleAsync(command, cancellationToken), publicDefer: command.Name == VideoCommand.CommandName, Respond, cancellationToken);
                    break;
                case Interaction.ModalSubmit:
                    var storyboard = FromStoryboard(interaction);
                    await AnswerAsync(interaction, router.HandleAsync(storyboard, cancellationToken), publicDefer: true, Respond, cancellationToken);
                    break;
                case Interaction.Autocomplete:
                    await Respond(new InteractionCallback(InteractionCallback.AutocompleteResult, new AutocompleteData(await SuggestAsync(interaction, cancellationToken))));
                    break;
                case Interaction.MessageComponent:
                    await ClickAsync(interaction, Respond, cancellationToken);
                    break;
                default:
                    Log.UnknownInteraction(logger, interaction.Type);
                    await Respond(new InteractionCallback(InteractionCallback.ChannelMessage, Private(ChatMessage.Error("I can't handle that kind of interaction yet."))));
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, interaction.Id, ex);
            if (!answered)
            {
                await respond(new InteractionCallback(InteractionCallback.ChannelMessage, Private(ChatMessage.Error("Something went wrong on my side; please try again."))));
            }
        }
        finally
        {
            acks.Acknowledged(interaction.Id);
        }
    }

    /// <summary>
    /// Answers with Core's reply when it comes within <see cref="AnswerBudget"/>; otherwise defers (publicly for a video,
    /// privately for the rest) and edits or replaces the deferred response when the reply arrives.
    /// </summary>
    private async Task AnswerAsync(Interaction interaction, Task<CommandReply> work, bool publicDefer, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        await Task.WhenAny(work, Task.Delay(AnswerBudget, time, cancellationToken));
        var inTime = work.IsCompleted;
        if (inTime)
        {
            var reply = await work;
            await respond(reply.Message is { } message
                ? new InteractionCallback(InteractionCallback.ChannelMessage, DiscordMessages.Render(message))
                : new InteractionCallback(InteractionCallback.DeferredChannelMessage));
            return;
        }

        await respond(new InteractionCallback(InteractionCallback.DeferredChannelMessage, publicDefer ? null : new MessagePayload { Flags = MessagePayload.EphemeralFlag }));
        acks.Acknowledged(interaction.Id);
        var late = await work;
        if (late.Message is not { } answer)
        {
            return;
        }

        if (answer.Ephemeral && publicDefer)
        {
            // A refusal must stay private: drop the public "thinking..." and answer privately instead.
            await rest.DeleteOriginalAsync(interaction.ApplicationId, interaction.Token, cancellationToken);
            await rest.FollowUpAsync(interaction.ApplicationId, interaction.Token, DiscordMessages.Render(answer), null, cancellationToken);
        }
        else
        {
            await rest.EditOriginalAsync(interaction.ApplicationId, interaction.Token, DiscordMessages.Render(answer) with { Flags = null }, null, cancellationToken);
        }
    }

    private async Task ClickAsync(Interaction interaction, Func<InteractionCallback, Task> respond, CancellationToken cancellationToken)
    {
        if (DiscordMessages.ParseButtonId(interaction.Data?.CustomId) is not var (action, jobId))
        {
            await respond(new InteractionCallback(InteractionCallback.ChannelMessage, Private(ChatMessage.Error("That button is not mine any more."))));
            return;
        }

        var work = actions.HandleAsync(action, jobId, Origin(interaction), Caller(interaction), Context(interaction), cancellationToken);
        if (action != ChatAction.Delete)
        {
            await AnswerAsync(interaction, ReplyOf(work), publicDefer: action == ChatAction.Reroll, respond, cancellationToken);
            return;
        }

        var outcome = await work;
        if (!outcome.DeleteMessage || interaction.Message is not { } message)
        {
            await respond(new InteractionCallback(InteractionCallback.ChannelMessage, Private(outcome.Reply.Message ?? ChatMessage.Error("Nothing to delete."))));
            return;
        }

        await respond(new InteractionCallback(InteractionCallback.DeferredUpdateMessage));
        try
        {
            await rest.DeleteMessageAsync(interaction.ChannelId ?? message.ChannelId ?? string.Empty, message.Id, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.IsAccessProblem)
        {
            // Not the bot's channel message (an interaction response): the interaction's token can delete it.
            await rest.DeleteOriginalAsync(interaction.ApplicationId, interaction.Token, cancellationToken);
        }

        var deletedBy = Caller(interaction).UserId;
        Log.MessageDeleted(logger, jobId, deletedBy);
    }

    private static async Task<CommandReply> ReplyOf(Task<ActionOutcome> outcome) => (await outcome).Reply;

    private async Task<IReadOnlyList<AutocompleteChoice>> SuggestAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var focused = Flatten(interaction.Data?.Options).FirstOrDefault(o => o.Focused == true);
        var typed = focused is null ? string.Empty : Value(focused) ?? string.Empty;
        switch (focused?.Name)
        {
            case VideoOptionNames.Style:
                var lookup = styles.GetAsync(cancellationToken);
                await Task.WhenAny(lookup, Task.Delay(AnswerBudget, time, cancellationToken));
                var known = lookup.IsCompleted ? await lookup : styles.Current;
                return [.. known
                    .Where(s => s.Id.Contains(typed, StringComparison.OrdinalIgnoreCase) || s.Name.Contains(typed, StringComparison.OrdinalIgnoreCase))
                    .Take(MaxChoices)
                    .Select(s => new AutocompleteChoice(Truncate(s.Name == s.Id ? s.Id : $"{s.Name} ({s.Id})", 100), s.Id))];
            case "job":
                var origin = Origin(interaction);
                var recent = await store.ListRecentAsync(PlatformName, origin.WorkspaceId, Caller(interaction).UserId, MaxChoices, cancellationToken);
                return [.. recent
                    .Where(j => j.Id.Contains(typed, StringComparison.OrdinalIgnoreCase))
                    .Select(j => new AutocompleteChoice(Truncate($"{j.Id} · {j.State.ToString().ToLowerInvariant()} · {j.Request.Prompt ?? (j.Request.Scenes is [var firstScene, ..] ? firstScene.Prompt : null)}", 100), j.Id))];
            default:
                return [];
        }
    }

    private ChatCommand ToCommand(Interaction interaction)
    {
        var data = interaction.Data!;
        var name = data.Name ?? string.Empty;
        var options = data.Options ?? [];
        if (name == QuotaCommand.CommandName && options is [{ Type: 1 } sub])
        {
            // Subcommands become the core's text form: "set 123 videos=5", "role 456 clear".
            var words = new List<string> { sub.Name };
            foreach (var option in sub.Options ?? [])
            {
                var value = Value(option);
                words.Add(option.Name switch
                {
                    "user" or "role" => value ?? string.Empty,
                    "clear" => value == "true" ? "clear" : string.Empty,
                    "cap_videos" => "cap-videos=" + value,
                    "cap_seconds" => "cap-seconds=" + value,
                    _ => option.Name + "=" + value,
                });
            }

            return new ChatCommand(name, Origin(interaction), Caller(interaction), string.Join(' ', words.Where(w => w.Length > 0)));
        }

        return new ChatCommand(name, Origin(interaction), Caller(interaction))
        {
            Options = [.. options.Select(o => new KeyValuePair<string, string>(o.Name, Value(o) ?? string.Empty))],
            ReplyContext = Context(interaction),
        };
    }

    /// <summary>The storyboard form's shots (each "prompt [4s]") and the command's options, as one line of /video text.</summary>
    private ChatCommand FromStoryboard(Interaction interaction)
    {
        var shots = TextInputs(interaction.Data?.Components)
            .Where(i => i.Id.StartsWith("shot", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(i.Value))
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => i.Value.Replace('|', '/').Replace('\n', ' ').Trim());
        var text = new StringBuilder(string.Join(" | ", shots));
        var flags = interaction.Data?.CustomId?.Split('?', 2) is [_, var query] ? query : string.Empty;
        foreach (var pair in flags.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, Uri.UnescapeDataString(v)) : (pair, string.Empty);
            text.Append(" --").Append(key).Append(' ').Append(value);
        }

        return new ChatCommand(VideoCommand.CommandName, Origin(interaction), Caller(interaction), text.ToString()) { ReplyContext = Context(interaction) };
    }

    private static ModalData StoryboardModal(InteractionData data)
    {
        // The command's options ride in the modal's custom_id (at most 100 characters) to the submission.
        var query = string.Join('&', (data.Options ?? []).Select(o => o.Name + "=" + Uri.EscapeDataString(Value(o) ?? string.Empty)));
        var customId = DiscordCommands.Storyboard + (query.Length > 0 ? "?" + query : string.Empty);
        if (customId.Length > 100)
        {
            customId = DiscordCommands.Storyboard;
        }

        return new ModalData(customId, "Storyboard: one shot per field", [.. Enumerable.Range(1, DiscordCommands.Shots).Select(i => Component.Row(
            new Component(Component.TextInput, Style: 2, Label: $"Shot {i}", CustomId: $"shot{i}", MaxLength: 1000, Required: i <= 2,
                Placeholder: i == 1 ? "Wide shot of a harbour at dawn [4s]" : "Optional; add [Ns] for its length")))]);
    }

    private static IEnumerable<(string Id, string Value)> TextInputs(JsonElement? components)
    {
        if (components is not { ValueKind: JsonValueKind.Array } array)
        {
            yield break;
        }

        var pending = new Stack<JsonElement>(array.EnumerateArray());
        while (pending.TryPop(out var node))
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (node.TryGetProperty("custom_id", out var id) && node.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return (id.GetString() ?? string.Empty, value.GetString() ?? string.Empty);
            }

            // Rows hold "components"; newer label components hold one "component".
            if (node.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in children.EnumerateArray())
                {
                    pending.Push(child);
                }
            }

            if (node.TryGetProperty("component", out var inner))
            {
                pending.Push(inner);
            }
        }
    }

    private string Context(Interaction interaction) =>
        new DiscordReplyContext(interaction.Id, interaction.ApplicationId, interaction.Token, time.GetUtcNow(), interaction.AttachmentSizeLimit).Serialize();

    public static ChatOrigin Origin(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var userId = interaction.Caller?.Id ?? "unknown";
        return new ChatOrigin(PlatformName, interaction.GuildId ?? "dm-" + userId, interaction.ChannelId ?? string.Empty);
    }

    public static ChatUser Caller(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var user = interaction.Caller ?? new DiscordUser("unknown");
        var permissions = BigInteger.TryParse(interaction.Member?.Permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : BigInteger.Zero;
        var isAdmin = (permissions & Administrator) != 0 || (permissions & ManageGuild) != 0;
        return new ChatUser(user.Id, interaction.Member?.Nick ?? user.GlobalName ?? user.Username, interaction.Member?.Roles, isAdmin);
    }

    private static IEnumerable<InteractionOption> Flatten(IReadOnlyList<InteractionOption>? options) =>
        (options ?? []).SelectMany(o => new[] { o }.Concat(Flatten(o.Options)));

    private static string? Value(InteractionOption option) => option.Value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    private static MessagePayload Private(ChatMessage message) => DiscordMessages.Render(message with { Ephemeral = true });

    private static string Truncate(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
