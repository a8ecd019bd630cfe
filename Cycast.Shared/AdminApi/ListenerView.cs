namespace Cycast.Shared.AdminApi;

/// <summary>
/// One entry of <c>GET /admin/api/listeners</c>: a player connected to <see cref="Node"/>. <see cref="Id"/> is unique in
/// the cluster, so any node kicks it. <see cref="NodeName"/> is that node's public name (<c>cluster.node_name</c>),
/// what tables show; <see cref="Node"/> its address.
/// </summary>
public sealed record ListenerView(long Id, string Mount, string Node, string Ip, string UserAgent, long ConnectedSeconds, long BytesSent, string NodeName = "");
