using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SeedanceBot.Core.Replicas;

namespace SeedanceBot.Core.Tests.Replicas;

public sealed class ReplicaIdentityTests
{
    [Fact]
    public void From_AConfiguredId_IsThatId()
        => Assert.Equal("bot-a", ReplicaIdentity.From(new ReplicaOptions { Id = "bot-a" }).Id);

    [Fact]
    public void From_NoId_IsTheHostNameAndProcessId()
        => Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", ReplicaIdentity.From(new ReplicaOptions()).Id);

    [Theory]
    [InlineData("bot a")]
    [InlineData("bot/a")]
    [InlineData("a-name-that-is-far-too-long-to-be-a-label-of-a-metric-or-a-lease-owner")]
    public void Start_AnIdThatIsNoLabel_IsRefusedWithTheRule(string id)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Replica:Id", id)]);
        builder.AddBotCore();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ReplicaOptions>>().Value);
        Assert.Contains("Replica:Id may only hold", error.Message, StringComparison.Ordinal);
    }
}
