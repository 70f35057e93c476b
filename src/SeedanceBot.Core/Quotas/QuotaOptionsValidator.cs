using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Quotas;

[OptionsValidator]
internal sealed partial class QuotaOptionsValidator : IValidateOptions<QuotaOptions>;
