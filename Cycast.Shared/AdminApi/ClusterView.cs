namespace Cycast.Shared.AdminApi;

/// <summary><c>GET /admin/api/cluster</c>: the members as the node asked sees them (pbm's <c>cluster show</c>).</summary>
/// <param name="Self">The address of the node that answered.</param>
/// <param name="Leader">The cluster's leader, if it has one.</param>
/// <param name="Oldest">The oldest Up member: where Akka's singletons (the shard coordinator) run.</param>
public sealed record ClusterView(string Self, string? Leader, string? Oldest, IReadOnlyList<MemberView> Members);

/// <summary>
/// One member. <see cref="Mounts"/> are the mount entities its shard region runs; <see cref="Answering"/> says whether it
/// answered the listener census (and its shard query) in time, and <see cref="Listeners"/> is then its count.
/// <see cref="Name"/> is its public name (<c>cluster.node_name</c>, with its port when two share one), what tables show.
/// </summary>
public sealed record MemberView(
    string Address,
    string Status,
    IReadOnlyList<string> Roles,
    bool Reachable,
    bool Leader,
    bool Oldest,
    bool Answering,
    int Listeners,
    IReadOnlyList<string> Mounts,
    string Name = "");

/// <summary>What <c>POST /admin/api/cluster/leave</c> or <c>down</c> did: asked Akka to move <see cref="Address"/> to <see cref="Action"/>.</summary>
public sealed record MemberAction(string Address, string Action);
