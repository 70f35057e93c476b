using Microsoft.Extensions.Options;
using SeedanceBot.Storage.LiteDb;
using SeedanceBot.Storage.Postgres;

namespace SeedanceBot;

/// <summary>Registers the store <c>Storage:Provider</c> names; an unknown name stops the start with the choices.</summary>
internal static class StorageSelection
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection(StorageProviderOptions.SectionName)[nameof(StorageProviderOptions.Provider)];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals(StorageProviderOptions.LiteDb, StringComparison.OrdinalIgnoreCase))
        {
            Chosen(builder, StorageProviderOptions.LiteDb);
            return builder.AddLiteDbStorage();
        }

        if (provider.Equals(StorageProviderOptions.Postgres, StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            Chosen(builder, StorageProviderOptions.Postgres);
            return builder.AddPostgresStorage();
        }

        throw new OptionsValidationException(
            StorageProviderOptions.SectionName,
            typeof(StorageProviderOptions),
            [$"Storage:Provider must be {StorageProviderOptions.LiteDb} (the default) or {StorageProviderOptions.Postgres}, not '{provider}'."]);
    }

    /// <summary>The provider in its canonical spelling, for <c>/readyz</c>.</summary>
    private static void Chosen(IHostApplicationBuilder builder, string provider) =>
        builder.Services.AddSingleton(Options.Create(new StorageProviderOptions { Provider = provider }));
}
