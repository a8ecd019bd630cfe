using System.CommandLine;
using Cycast.Cli.Client;
using Cycast.Shared.AdminApi;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary><c>mount list</c> and <c>mount show</c>.</summary>
public static class MountCommands
{
    public static Command Build()
    {
        var list = new Command("list", "Every mount: its entity's node, source, title and listeners") { Json };
        list.SetAction(ShowNamed<MountSummary[]>(_ => AdminApiJson.Mounts, (mounts, names) =>
        {
            var table = Output.Table("Mount", "Entity node", "Source", "Title", "Listeners");
            foreach (var mount in mounts)
                table.Row(mount.Mount, mount.EntityAnswering ? names.Of(mount.EntityNode) : "(moving)", mount.SourceStatus, mount.Title, mount.Listeners);
            Output.Console.Write(table);
        }));

        var path = new Argument<string>("mount") { Description = "The mount's path, e.g. /stream" };
        var show = new Command("show", "One mount: source peer and user agent, bitrate, buffer, listeners by node") { path, Json };
        show.SetAction(ShowNamed<MountDetail>(parse => AdminClient.Query(AdminApiJson.Mount, ("mount", parse.GetValue(path))), (mount, names) =>
        {
            var fields = Output.Table("Mount", mount.Mount);
            fields.Row("Entity node", names.Of(mount.EntityNode));
            fields.Row("Source", mount.SourceStatus);
            fields.Row("Source peer", mount.SourcePeer);
            fields.Row("Source user agent", mount.SourceUserAgent);
            fields.Row("Content type", mount.ContentType);
            fields.Row("Bitrate", mount.Bitrate);
            fields.Row("Title", mount.Title);
            fields.Row("Buffer", $"{mount.Buffer.Available} of {mount.Buffer.Space} bytes ({mount.Buffer.FillPercentage} %)");
            fields.Row("Listeners", mount.Listeners);
            Output.Console.Write(fields);
            var nodes = Output.Table("Node", "Listeners");
            foreach (var (node, listeners) in mount.ListenersByNode.Select(node => (Name: names.Of(node.Key), node.Value)).OrderBy(node => node.Name, StringComparer.Ordinal))
                nodes.Row(node, listeners);
            Output.Console.Write(nodes);
        }));

        return new Command("mount", "The station's mounts") { list, show };
    }
}
