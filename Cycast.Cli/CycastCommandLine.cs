using System.CommandLine;
using Cycast.Cli.Client;
using Cycast.Cli.Commands;

namespace Cycast.Cli;

/// <summary>
/// <c>cycast</c>: pbm's vocabulary (<c>cluster show</c>, <c>cluster leave</c>, <c>cluster down</c>, shards) and a
/// radio's (mounts, sources, listeners, titles, <c>top</c>), over any node's admin API.
/// </summary>
public static class CycastCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Inspect and steer a Cycast cluster through any node's admin API.")
        {
            Connection.Node, Connection.User, Connection.Password,
            ClusterCommands.Build(), MountCommands.Build(), ListenerCommands.Build(), SourceCommands.Build(), SourceCommands.Metadata(),
            TopCommand.Build(), ImportCommand.Build(),
        };
        return root;
    }
}
