namespace SeedanceBot.Slack.SocketMode;

/// <summary>Makes a fresh connection for every (re)connect.</summary>
internal interface ISocketModeConnectionFactory
{
    ISocketModeConnection Create();
}
