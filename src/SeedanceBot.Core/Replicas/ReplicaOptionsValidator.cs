using Microsoft.Extensions.Options;

namespace SeedanceBot.Core.Replicas;

[OptionsValidator]
internal sealed partial class ReplicaOptionsValidator : IValidateOptions<ReplicaOptions>;
