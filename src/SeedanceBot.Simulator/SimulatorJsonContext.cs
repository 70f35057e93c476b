using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SeedanceBot.Simulator;

/// <summary>Source-generated serialization for the simulator's bodies, which it builds as JSON nodes.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
