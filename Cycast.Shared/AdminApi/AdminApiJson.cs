using System.Text.Json;

namespace Cycast.Shared.AdminApi;

/// <summary>
/// The JSON admin API (<c>/admin/api/*</c>) that the <c>cycast</c> command line and the admin page use: its paths and
/// its JSON, snake_case like the rest of Cycast's API. Node and command line share these types, so they cannot drift.
/// </summary>
public static class AdminApiJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public const string Cluster = "/admin/api/cluster";
    public const string Leave = "/admin/api/cluster/leave";
    public const string Down = "/admin/api/cluster/down";
    public const string ClusterEvents = "/admin/api/cluster/events";
    public const string Shards = "/admin/api/shards";
    public const string Mounts = "/admin/api/mounts";
    public const string Mount = "/admin/api/mount";
    public const string Listeners = "/admin/api/listeners";
    public const string Memory = "/admin/api/memory";
}

/// <summary>Every refusal of the JSON admin API: the status code says what kind, <see cref="Error"/> says what, in one line.</summary>
public sealed record AdminError(string Error);
