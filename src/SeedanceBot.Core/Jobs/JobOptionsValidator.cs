using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Jobs;

[OptionsValidator]
internal sealed partial class JobOptionsValidator : IValidateOptions<JobOptions>;
