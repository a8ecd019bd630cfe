using System.CommandLine;
using Cycast.Cli.Client;
using Cycast.Shared.AdminApi;
using Spectre.Console;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary>
/// <c>cluster show</c>, <c>leave</c>, <c>down</c>, <c>down-unreachable</c> and <c>sharding regions|region-stats|shard-stats</c>:
/// pbm's names. <c>cluster shards</c>, the name before pbm's, still works, hidden from help.
/// </summary>
public static class ClusterCommands
{
    public static Command Build()
    {
        var show = new Command("show", "Members with address, status, roles, reachability, leader/oldest and the mounts each hosts") { Json };
        show.SetAction(Show<ClusterView>(_ => AdminApiJson.Cluster, cluster =>
        {
            // Nodes by their node_name, as every page and table calls them; --json has the addresses too.
            var table = Output.Table("Node", "Status", "Roles", "Reachable", "Leader", "Oldest", "Listeners", "Mounts");
            foreach (var member in cluster.Members)
            {
                table.Row(member.Name, member.Status, string.Join(",", member.Roles), member.Reachable, member.Leader, member.Oldest,
                    member.Answering ? member.Listeners : null, string.Join(" ", member.Mounts));
            }
            table.Caption = new TableTitle($"as {cluster.Members.FirstOrDefault(member => member.Address == cluster.Self)?.Name ?? cluster.Self} sees it");
            Output.Console.Write(table);
        }));

        var address = new Argument<string>("address") { Description = "The member's address (akka.tcp://cycast@host:port) or its host:port" };
        var leave = new Command("leave", "Graceful leave: the member hands its mounts over and its node exits on its own") { address };
        leave.SetAction(Run(async (parse, client, cancel) =>
        {
            var member = await ResolveAsync(client, parse.GetValue(address)!, cancel);
            await client.PostAsync<MemberAction>(AdminClient.Query(AdminApiJson.Leave, ("address", member)), cancel);
            Output.Line($"{member} is leaving: it hands its mounts over and its node exits");
        }));
        var down = new Command("down", "Marks an unreachable member down, so the cluster moves on without it") { address };
        down.SetAction(Run(async (parse, client, cancel) =>
        {
            var member = await ResolveAsync(client, parse.GetValue(address)!, cancel);
            await client.PostAsync<MemberAction>(AdminClient.Query(AdminApiJson.Down, ("address", member)), cancel);
            Output.Line($"{member} is marked down");
        }));

        var downUnreachable = new Command("down-unreachable", "Marks every member the node sees unreachable down, so the cluster moves on without them");
        downUnreachable.SetAction(Run(async (_, client, cancel) =>
        {
            var unreachable = (await client.GetAsync<ClusterView>(AdminApiJson.Cluster, cancel)).Members.Where(member => !member.Reachable).ToArray();
            if (unreachable.Length == 0)
                Output.Line("no member is unreachable: nothing to down");
            foreach (var member in unreachable)
            {
                await client.PostAsync<MemberAction>(AdminClient.Query(AdminApiJson.Down, ("address", member.Address)), cancel);
                Output.Line($"{member.Name} is marked down");
            }
        }));

        var tail = new Command("tail", "Member events as this node sees them, as they happen (the current members first), until Ctrl+C") { Json };
        tail.SetAction(Run(async (parse, client, cancel) =>
        {
            var names = parse.GetValue(Json) ? null : await NodeNames.FetchAsync(client, cancel);
            await foreach (var data in client.EventsAsync(AdminApiJson.ClusterEvents, cancel))
            {
                if (parse.GetValue(Json))
                {
                    Output.Line(data);
                    continue;
                }
                using var change = System.Text.Json.JsonDocument.Parse(data);
                var root = change.RootElement;
                var member = await names!.OfAsync(root.GetProperty("address").GetString()!, cancel);
                Output.Line($"{DateTimeOffset.Now:HH:mm:ss} {root.GetProperty("event").GetString()} {member} ({root.GetProperty("status").GetString()})");
            }
        }));

        var shards = new Command("shards", "Every mount shard with the node that holds it and its mount entities") { Json };
        shards.Hidden = true;
        shards.SetAction(ShardingCommands.ShardStats());

        return new Command("cluster", "The Akka cluster: members, leave, down, down-unreachable, sharding")
        {
            show, leave, down, downUnreachable, tail, ShardingCommands.Build(), shards,
        };
    }

    /// <summary>A full address as given, or the one member whose address ends in <c>@host:port</c>.</summary>
    private static async Task<string> ResolveAsync(AdminClient client, string given, CancellationToken cancel)
    {
        if (given.Contains("://", StringComparison.Ordinal))
            return given;
        var matches = (await client.GetAsync<ClusterView>(AdminApiJson.Cluster, cancel)).Members
            .Where(member => member.Address.EndsWith("@" + given, StringComparison.Ordinal)).ToArray();
        return matches.Length == 1 ? matches[0].Address : throw new CliError($"no member {given} in the cluster");
    }
}
