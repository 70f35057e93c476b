using SeedanceBot;

if (HealthProbe.Requested(args))
{
    return await HealthProbe.RunAsync(args);
}

if (ImageCheck.Requested(args))
{
    return await ImageCheck.RunAsync(args, Console.Out);
}

if (StoreMigration.Requested(args))
{
    return await StoreMigration.RunAsync(args, Console.Out, CancellationToken.None);
}

try
{
    var app = await BotApplication.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } message)
{
    // A configuration or storage problem is the operator's to fix: say what, all at once, not where in the code.
    await Console.Error.WriteLineAsync(message);
    return 2;
}
