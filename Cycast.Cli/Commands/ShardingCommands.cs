using System.CommandLine;
using Cycast.Cli.Client;
using Cycast.Shared.AdminApi;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary>
/// pbm's <c>cluster sharding regions</c>, <c>region-stats</c> and <c>shard-stats</c>, drawn from the admin API's shard
/// view (Akka's <c>GetShardRegionState</c>, asked of every member).
/// </summary>
public static class ShardingCommands
{
    /// <summary>Cycast's one sharded entity type: the mount, one entity per mount path.</summary>
    private const string MountRegion = "mount";

    public static Command Build()
    {
        var regions = new Command("regions", "The shard regions: their type, the members running one, their shards and entities") { Json };
        regions.SetAction(Show<ShardsView>(_ => AdminApiJson.Shards, view =>
        {
            var table = Output.Table("Region", "Members", "Shards", "Entities");
            table.Row(MountRegion, view.Shards.Select(shard => shard.Node).Distinct().Count(), view.Shards.Count, view.Shards.Sum(shard => shard.Entities.Count));
            Caption(table, view);
            Output.Console.Write(table);
        }));

        var regionStats = new Command("region-stats", "Per member: the mount region's shards and entities there") { RegionArgument(), Json };
        regionStats.SetAction(Show<ShardsView>(parse => Checked(parse), view =>
        {
            var table = Output.Table("Node", "Shards", "Entities");
            foreach (var node in view.Shards.GroupBy(shard => shard.Node).OrderBy(group => group.Key, StringComparer.Ordinal))
                table.Row(node.Key, node.Count(), node.Sum(shard => shard.Entities.Count));
            Caption(table, view);
            Output.Console.Write(table);
        }));

        var shardStats = new Command("shard-stats", "Every mount shard with the member that holds it and its mount entities") { RegionArgument(), Json };
        shardStats.SetAction(ShardStats());

        return new Command("sharding", "The mount entities' shard regions, as pbm's cluster sharding shows them") { regions, regionStats, shardStats };
    }

    /// <summary>Every shard, its member and its entities: <c>shard-stats</c>, and the hidden old <c>cluster shards</c>.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> ShardStats() => Show<ShardsView>(Checked, view =>
    {
        var table = Output.Table("Shard", "Node", "Entities");
        foreach (var shard in view.Shards)
            table.Row(shard.Shard, shard.Node, string.Join(" ", shard.Entities));
        Caption(table, view);
        Output.Console.Write(table);
    });

    private static Argument<string?> RegionArgument() => new("region") { Description = $"The region's type name; Cycast has one, \"{MountRegion}\"", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>pbm names the region to look at; any name but Cycast's one is a mistake worth saying so.</summary>
    private static string Checked(ParseResult parse)
    {
        var given = parse.CommandResult.Command.Arguments.OfType<Argument<string?>>().Select(argument => parse.GetValue(argument)).FirstOrDefault();
        return given is null or MountRegion ? AdminApiJson.Shards : throw new CliError($"no shard region {given}: Cycast's one region is \"{MountRegion}\"");
    }

    private static void Caption(Spectre.Console.Table table, ShardsView view)
    {
        if (view.NodesNotAnswering.Count > 0)
            table.Caption = new Spectre.Console.TableTitle("not answering: " + string.Join(", ", view.NodesNotAnswering));
    }
}
