using Microsoft.Extensions.Options;
using SeedanceBot;
using SeedanceBot.Storage.LiteDb;

if (HealthProbe.Requested(args))
{
    return await HealthProbe.RunAsync(args);
}

try
{
    var app = await BotApplication.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is OptionsValidationException or StorageUnavailableException)
{
    // A configuration or storage problem is the operator's to fix: say what, not where in the code.
    await Console.Error.WriteLineAsync("SeedanceBot cannot start: " + ex.Message);
    return 2;
}
