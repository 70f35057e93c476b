using Microsoft.Extensions.Options;

namespace SeedanceBot.Simulator;

[OptionsValidator]
internal sealed partial class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>;
