namespace SeedanceBot.Discord.Gateway;

/// <summary>Makes a fresh connection for every (re)connect.</summary>
internal interface IGatewayConnectionFactory
{
    IGatewayConnection Create();
}
