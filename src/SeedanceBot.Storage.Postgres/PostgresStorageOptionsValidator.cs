using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.Postgres;

[OptionsValidator]
internal sealed partial class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>;
