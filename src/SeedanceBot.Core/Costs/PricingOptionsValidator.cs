using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Costs;

[OptionsValidator]
internal sealed partial class PricingOptionsValidator : IValidateOptions<PricingOptions>;
