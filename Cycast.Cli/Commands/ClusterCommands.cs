using System.CommandLine;
using Cycast.Shared.AdminApi;
using Spectre.Console;
using static Cycast.Cli.CycastCommandLine;

namespace Cycast.Cli.Commands;

/// <summary><c>cluster show</c>, <c>cluster leave</c>, <c>cluster down</c>, <c>cluster shards</c>: pbm's names.</summary>
public static class ClusterCommands
{
    public static Command Build()
    {
        var show = new Command("show", "Members with address, status, roles, reachability, leader/oldest and the mounts each hosts") { Json };
        show.SetAction(Show<ClusterView>(_ => AdminApiJson.Cluster, cluster =>
        {
            var table = Output.Table("Address", "Status", "Roles", "Reachable", "Leader", "Oldest", "Listeners", "Mounts");
            foreach (var member in cluster.Members)
            {
                table.Row(member.Address, member.Status, string.Join(",", member.Roles), member.Reachable, member.Leader, member.Oldest,
                    member.Answering ? member.Listeners : null, string.Join(" ", member.Mounts));
            }
            table.Caption = new TableTitle($"as {cluster.Self} sees it");
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

        var shards = new Command("shards", "Every mount shard with the node that holds it and its mount entities") { Json };
        shards.SetAction(Show<ShardsView>(_ => AdminApiJson.Shards, view =>
        {
            var table = Output.Table("Shard", "Node", "Entities");
            foreach (var shard in view.Shards)
                table.Row(shard.Shard, shard.Node, string.Join(" ", shard.Entities));
            if (view.NodesNotAnswering.Count > 0)
                table.Caption = new TableTitle("not answering: " + string.Join(", ", view.NodesNotAnswering));
            Output.Console.Write(table);
        }));

        return new Command("cluster", "The Akka cluster: members, leave, down, shards") { show, leave, down, shards };
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
