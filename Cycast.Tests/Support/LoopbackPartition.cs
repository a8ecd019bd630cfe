namespace Cycast.Tests.Support;

/// <summary>
/// Cuts a cluster running on loopback in two, for real: each side's node processes run in a cgroup of their own, and an
/// nftables table of the test's own (<c>inet cycast_test</c>) drops every packet between one side's sockets and the
/// other side's remoting ports, both ways. Remoting's client sockets all leave from 127.0.0.1 whatever address their
/// node binds, so the sides are told apart by the cgroup of the socket, not by address. Only remoting is cut: the test
/// still reaches every node's HTTP and source ports. The table and the cgroups go when this is disposed, whatever
/// happened. Needs root, cgroup v2 and nftables.
/// </summary>
public sealed class LoopbackPartition : IAsyncDisposable
{
    private const string Table = "cycast_test";
    private const string CgroupRoot = "/sys/fs/cgroup";

    private LoopbackPartition(string id)
    {
        SideA = $"{CgroupV2Prefix()}cycast-{id}-a";
        SideB = $"{CgroupV2Prefix()}cycast-{id}-b";
    }

    /// <summary>The cgroup (a path under /sys/fs/cgroup) of each side's node processes.</summary>
    public string SideA { get; }

    public string SideB { get; }

    /// <summary>Makes the two cgroups; null, with the reason, where this machine cannot cut loopback traffic.</summary>
    public static async Task<(LoopbackPartition? Partition, string WhyNot)> PrepareAsync()
    {
        if (Environment.UserName != "root")
            return (null, "partitions need root (nftables, cgroups)");
        var (code, error) = await NftAsync("list tables");
        if (code != 0)
            return (null, $"nft refused: {error}");
        var partition = new LoopbackPartition(Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(CgroupRoot, partition.SideA));
            Directory.CreateDirectory(Path.Combine(CgroupRoot, partition.SideB));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"no cgroup v2 to place nodes in: {e.Message}");
        }
        return (partition, "");
    }

    /// <summary>Drops all traffic between side A's nodes and side B's, given each side's remoting ports.</summary>
    public async Task CutAsync(IEnumerable<int> portsA, IEnumerable<int> portsB)
    {
        var (a, b) = (string.Join(", ", portsA), string.Join(", ", portsB));
        var rules = $$"""
            table inet {{Table}} {
              chain out {
                type filter hook output priority 0; policy accept;
                tcp dport { {{b}} } socket cgroupv2 level 1 "{{SideA}}" drop
                tcp dport { {{a}} } socket cgroupv2 level 1 "{{SideB}}" drop
              }
              chain in {
                type filter hook input priority 0; policy accept;
                tcp sport { {{b}} } socket cgroupv2 level 1 "{{SideA}}" drop
                tcp sport { {{a}} } socket cgroupv2 level 1 "{{SideB}}" drop
              }
            }
            """;
        var file = Path.Combine(Path.GetTempPath(), $"cycast-partition-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, rules);
        var (code, error) = await NftAsync($"-f {file}");
        File.Delete(file);
        Assert.True(code == 0, $"nft could not cut the cluster: {error}");
    }

    /// <summary>Removes the table: the two sides reach each other again.</summary>
    public async Task HealAsync() => await NftAsync($"delete table inet {Table}");

    /// <summary>Where cgroup v2 is mounted under /sys/fs/cgroup: there itself, or at <c>unified/</c> on a hybrid layout.</summary>
    private static string CgroupV2Prefix() =>
        File.Exists(Path.Combine(CgroupRoot, "cgroup.controllers")) ? "" : "unified/";

    private static async Task<(int Code, string Error)> NftAsync(string arguments)
    {
        try
        {
            await using var nft = ExternalProgram.Start("nft", arguments.Split(' '));
            var (code, _, error) = await nft.ExitAsync();
            return (code, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HealAsync();
        foreach (var side in new[] { SideA, SideB })
        {
            var path = Path.Combine(CgroupRoot, side);
            // A cgroup goes only once its processes have: the nodes were stopped before this.
            for (var tries = 0; Directory.Exists(path) && tries < 50; tries++)
            {
                try
                {
                    Directory.Delete(path);
                }
                catch (IOException)
                {
                    await Task.Delay(100);
                }
            }
        }
    }
}
