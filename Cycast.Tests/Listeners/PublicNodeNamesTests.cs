using Cycast.Actors.Listeners;

namespace Cycast.Tests.Listeners;

public sealed class PublicNodeNamesTests
{
    [Fact]
    public void Nodes_are_called_by_their_names_and_nodes_sharing_one_get_their_cluster_port_after_it()
    {
        var names = PublicNodeNames.Of([
            ("akka.tcp://cycast@10.0.0.1:4053", "studio-a"),
            ("akka.ssl.tcp://cycast@10.0.0.2:4053", "host"),
            ("akka.ssl.tcp://cycast@10.0.0.2:4054", "host"),
        ]);

        Assert.Equal(new Dictionary<string, string>
        {
            ["akka.tcp://cycast@10.0.0.1:4053"] = "studio-a",
            ["akka.ssl.tcp://cycast@10.0.0.2:4053"] = "host (4053)",
            ["akka.ssl.tcp://cycast@10.0.0.2:4054"] = "host (4054)",
        }, names);
    }
}
