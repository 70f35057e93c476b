using Microsoft.Extensions.Options;

namespace SeedanceBot.Storage.LiteDb;

[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
