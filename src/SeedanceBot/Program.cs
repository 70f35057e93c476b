using SeedanceBot;

var app = await BotApplication.BuildAsync(args);
await app.RunAsync();
