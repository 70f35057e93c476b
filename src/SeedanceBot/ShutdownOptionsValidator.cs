using Microsoft.Extensions.Options;

namespace SeedanceBot;

[OptionsValidator]
internal sealed partial class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>;
