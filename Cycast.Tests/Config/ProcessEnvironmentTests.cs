using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

/// <summary>Changes the real process environment, so it must not run beside tests that read it.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection(nameof(ProcessEnvironmentCollection))]
public class ProcessEnvironmentTests
{
    [Fact]
    public void Without_an_injected_environment_the_process_environment_is_read()
    {
        var previous = System.Environment.GetEnvironmentVariable("CYCAST_CLUSTER_PORT");
        System.Environment.SetEnvironmentVariable("CYCAST_CLUSTER_PORT", "4099");
        try
        {
            Assert.Equal(4099, SettingsLoader.Parse("", "config.hcl").Settings.Cluster.Port);
            Assert.Equal(4099, SettingsLoader.Defaults().Settings.Cluster.Port);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("CYCAST_CLUSTER_PORT", previous);
        }
    }
}
