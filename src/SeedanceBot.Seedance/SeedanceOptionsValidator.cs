using Microsoft.Extensions.Options;

namespace SeedanceBot.Seedance;

/// <summary>Data-annotation rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class SeedanceOptionsValidator : IValidateOptions<SeedanceOptions>;
