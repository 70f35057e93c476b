using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Replicas;
using SeedanceBot.Discord.Rest;

namespace SeedanceBot.Discord.Interactions;

/// <summary>
/// Registers the slash commands at start: reads what Discord has (per configured guild, else global) and bulk-overwrites
/// only when the definitions differ, so restarts do not churn Discord's command cache. A failure is logged, not fatal:
/// the commands Discord already has keep working. With several replicas it runs on one: the holder of the
/// <c>discord-commands</c> lease (<see cref="LeasedSingleton"/>); when that replica dies, the next holder runs it again.
/// Start waits for the first try only (registered here, or held elsewhere).
/// </summary>
internal sealed class CommandRegistrar(IDiscordRest rest, IOptions<DiscordOptions> options, LeasedSingleton singleton, ILogger<CommandRegistrar> logger) : IHostedService, IDisposable
{
    public const string LeaseName = "discord-commands";
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _holding = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterCommands)
        {
            return;
        }

        var firstTry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = Task.Run(() => singleton.RunAsync(LeaseName, RegisterAsync, _stopping.Token, firstTry.SetResult), CancellationToken.None);
        lock (_holding)
        {
            _holding.Add(holding);
        }

        await firstTry.Task.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] holding;
        lock (_holding)
        {
            holding = [.. _holding];
        }

        await Task.WhenAll(holding).WaitAsync(cancellationToken);
        if (options.Value.RegisterCommands)
        {
            await singleton.ReleaseAsync(LeaseName, cancellationToken);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var wanted = DiscordCommands.Definitions();
        string?[] scopes = settings.GuildIds.Count > 0 ? [.. settings.GuildIds] : [null];
        foreach (var guild in scopes)
        {
            try
            {
                var current = await rest.GetCommandsAsync(settings.ApplicationId, guild, cancellationToken);
                if (Matches(wanted, current))
                {
                    Log.CommandsUpToDate(logger, guild ?? "global");
                    continue;
                }

                await rest.PutCommandsAsync(settings.ApplicationId, guild, (JsonArray)wanted.DeepClone(), cancellationToken);
                Log.CommandsRegistered(logger, wanted.Count, guild ?? "global");
            }
            catch (Exception ex) when ((ex is DiscordApiException or HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                Log.CommandRegistrationFailed(logger, guild ?? "global", ex);
            }
        }
    }

    /// <summary>
    /// Each wanted command exists with the same fields. Discord adds its own (id, version, defaults...): only the keys we
    /// send are compared, and a missing false, empty or null equals an absent one.
    /// </summary>
    public static bool Matches(JsonArray wanted, JsonArray current)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(current);
        if (wanted.Count != current.Count)
        {
            return false;
        }

        return wanted.All(w => current.Any(c => (string?)c?["name"] == (string?)w?["name"] && Same(w, c)));
    }

    private static bool Same(JsonNode? wanted, JsonNode? current)
    {
        switch (wanted)
        {
            case JsonObject wantedObject:
                if (current is not JsonObject currentObject)
                {
                    return false;
                }

                return wantedObject.All(p => Same(p.Value, currentObject[p.Key]))
                    && currentObject.Where(p => p.Key is "options" or "choices").All(p => wantedObject.ContainsKey(p.Key) || IsEmpty(p.Value));
            case JsonArray wantedArray:
                var currentArray = current as JsonArray ?? [];
                return wantedArray.Count == currentArray.Count && wantedArray.Select((w, i) => Same(w, currentArray[i])).All(x => x);
            case null:
                return IsEmpty(current);
            default:
                if (current is null)
                {
                    return IsEmpty(wanted);
                }

                // Numbers and strings compare by their JSON text ("32" vs "32", 20 vs 20).
                return wanted.ToJsonString() == current.ToJsonString();
        }
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue value when value.TryGetValue<bool>(out var flag) => !flag,
        _ => false,
    };
}
