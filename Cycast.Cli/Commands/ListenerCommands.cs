using System.CommandLine;
using Cycast.Cli.Client;
using Cycast.Shared.AdminApi;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary><c>listener list</c>, <c>listener kick</c>, <c>listener move</c>.</summary>
public static class ListenerCommands
{
    public static Command Build()
    {
        var mount = new Option<string?>("--mount") { Description = "Only this mount's listeners" };
        // --node is the node the command talks to (every command's); the member whose listeners to list is --member.
        var member = new Option<string?>("--member") { Description = "Only the listeners on this member (its address or host:port)" };
        var list = new Command("list", "Every listener in the cluster: id, mount, node, ip, user agent, connected seconds, bytes sent")
        {
            mount, member, Json,
        };
        list.SetAction(Show<ListenerView[]>(
            parse => AdminClient.Query(AdminApiJson.Listeners, ("mount", parse.GetValue(mount)), ("node", parse.GetValue(member))), listeners =>
        {
            var table = Output.Table("ID", "Mount", "Node", "IP", "User agent", "Connected s", "Bytes sent");
            foreach (var listener in listeners)
            {
                table.Row(listener.Id, listener.Mount, listener.NodeName, listener.Ip, listener.UserAgent, listener.ConnectedSeconds,
                    listener.BytesSent);
            }
            Output.Console.Write(table);
        }));

        var id = new Argument<long>("id") { Description = "The listener's id, as listener list shows it (unique in the cluster)" };
        var kick = new Command("kick", "Disconnects a listener, on whichever node it is") { id, mount };
        kick.SetAction(Run(async (parse, client, cancel) =>
        {
            var listener = parse.GetValue(id);
            var on = parse.GetValue(mount) ?? (await client.GetAsync<ListenerView[]>(AdminApiJson.Listeners, cancel))
                .FirstOrDefault(entry => entry.Id == listener)?.Mount ?? throw new CliError($"no listener {listener} in the cluster");
            Output.Line(await client.IcecastAsync(AdminClient.Query("/admin/killclient", ("mount", on), ("id", listener.ToString())), cancel));
        }));

        var from = new Option<string>("--from") { Description = "The mount whose listeners move", Required = true };
        var to = new Option<string>("--to") { Description = "The mount they move to", Required = true };
        var move = new Command("move", "Moves every listener of one mount to another (Icecast's moveclients)") { from, to };
        move.SetAction(Run(async (parse, client, cancel) => Output.Line(await client.IcecastAsync(
            AdminClient.Query("/admin/moveclients", ("mount", parse.GetValue(from)), ("destination", parse.GetValue(to))), cancel))));

        return new Command("listener", "The players connected to the cluster") { list, kick, move };
    }
}
