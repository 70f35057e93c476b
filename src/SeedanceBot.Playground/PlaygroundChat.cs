using System.Threading.Channels;
using SeedanceBot.Core.Chat;

namespace SeedanceBot.Playground;

/// <summary>
/// The playground's one channel: messages by id (so posting the same id again edits it, which makes deliveries
/// idempotent) and live subscribers (the open pages). Kept in memory: a restart starts a fresh chat, and jobs that were
/// running post their results into it.
/// </summary>
internal sealed class PlaygroundChat
{
    private const int MaxMessages = 500;
    private const int MaxFiles = 50;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PlaygroundMessage> _messages = new(StringComparer.Ordinal);
    private readonly List<Channel<PlaygroundMessage>> _subscribers = [];
    private readonly Dictionary<string, (long Sequence, ChatAttachment File)> _files = new(StringComparer.Ordinal);
    private long _sequence;

    public IReadOnlyList<PlaygroundMessage> Snapshot()
    {
        lock (_lock)
        {
            return [.. _messages.Values.OrderBy(m => m.Sequence)];
        }
    }

    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _messages.ContainsKey(id);
        }
    }

    /// <summary>Adds or replaces one of the bot's messages and tells every open page.</summary>
    public PlaygroundMessage UpsertFromBot(string id, ChatMessage message, string? forUser) =>
        Upsert(id, PlaygroundPlatform.BotAuthor, PlaygroundAuthorKind.Bot, message, message.Ephemeral ? forUser : null);

    /// <summary>Adds what a person typed, as text: a person's message is never styled as the bot's, whatever their name.</summary>
    public PlaygroundMessage AddFromPerson(string user, string text) =>
        Upsert("cmd:" + Guid.NewGuid().ToString("N"), user, PlaygroundAuthorKind.Person, new ChatMessage { Text = text }, null);

    private PlaygroundMessage Upsert(string id, string author, PlaygroundAuthorKind kind, ChatMessage message, string? forUser)
    {
        PlaygroundMessage stored;
        lock (_lock)
        {
            var sequence = _messages.TryGetValue(id, out var existing) ? existing.Sequence : ++_sequence;
            stored = new PlaygroundMessage(id, author, kind, message.Text, message.Tone, message.Ephemeral, forUser,
                message.MentionUserId, message.Fields, message.VideoUrl?.AbsoluteUri, sequence)
            {
                Files = [.. message.Attachments.Select(a => new PlaygroundFile(a.FileName, a.ContentType, KeepFile(a, sequence)))],
                Actions = message.Actions,
            };
            _messages[id] = stored;
            if (_messages.Count > MaxMessages)
            {
                _messages.Remove(_messages.Values.MinBy(m => m.Sequence)!.Id);
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(stored);
            }
        }

        return stored;
    }

    /// <summary>A file a bot message carried, by the unguessable id in its URL; null once the chat let it go.</summary>
    public ChatAttachment? File(string id)
    {
        lock (_lock)
        {
            return _files.TryGetValue(id, out var file) ? file.File : null;
        }
    }

    /// <summary>Keeps <paramref name="file"/> (the latest <see cref="MaxFiles"/> only) and returns its URL (under the lock).</summary>
    private string KeepFile(ChatAttachment file, long sequence)
    {
        var id = Guid.NewGuid().ToString("N");
        _files[id] = (sequence, file);
        if (_files.Count > MaxFiles)
        {
            _files.Remove(_files.MinBy(f => f.Value.Sequence).Key);
        }

        return "/playground/api/files/" + id + "/" + Uri.EscapeDataString(file.FileName);
    }

    public ChannelReader<PlaygroundMessage> Subscribe(CancellationToken until)
    {
        var channel = Channel.CreateBounded<PlaygroundMessage>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        until.Register(() =>
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }
}
