using Cycast.Shared.AdminApi;

namespace Cycast.Cli.Client;

/// <summary>
/// What the tables call each node: its <c>node_name</c>, as the node's cluster view gives it. Views that carry member
/// addresses (a mount's entity node, listeners by node, member events) show the name instead; <c>--json</c> keeps the
/// address. A member the node has not yet heard name itself (one still joining) is shown by its address.
/// </summary>
public sealed class NodeNames(AdminClient client)
{
    private IReadOnlyDictionary<string, string> _byAddress = new Dictionary<string, string>();

    public static async Task<NodeNames> FetchAsync(AdminClient client, CancellationToken cancel)
    {
        var names = new NodeNames(client);
        await names.RefreshAsync(cancel);
        return names;
    }

    public string Of(string? address) => address is null ? "" : _byAddress.GetValueOrDefault(address, address);

    /// <summary>The name of <paramref name="address"/>, asking the node again once when it is not known yet.</summary>
    public async Task<string> OfAsync(string address, CancellationToken cancel)
    {
        if (!_byAddress.ContainsKey(address))
            await RefreshAsync(cancel);
        return Of(address);
    }

    private async Task RefreshAsync(CancellationToken cancel) =>
        _byAddress = (await client.GetAsync<ClusterView>(AdminApiJson.Cluster, cancel)).Members
            .ToDictionary(member => member.Address, member => member.Name, StringComparer.Ordinal);
}
