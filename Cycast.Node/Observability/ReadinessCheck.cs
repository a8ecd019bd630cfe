using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cycast.Node.Observability;

/// <summary>
/// <c>/health/ready</c>: a load balancer should send players here only once this node is Up in the cluster (before
/// that, shards cannot reach it and after it leaves they are being moved away) and the station's main mount answers
/// through it, which is what a player's request needs.
/// </summary>
public sealed class ReadinessCheck(ActorSystem system, MountDirectory directory, IRequiredActor<MountRouter> router) : IHealthCheck
{
    /// <summary>A live entity answers in milliseconds; a load balancer's probe must not hang on one that moves.</summary>
    private static readonly TimeSpan MountPatience = TimeSpan.FromSeconds(2);

    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var self = Cluster.Get(system).SelfMember;
        if (self.Status != MemberStatus.Up)
            return HealthCheckResult.Unhealthy($"this node is {self.Status} in the cluster, not Up");
        var mount = directory.DefaultMount;
        try
        {
            var mounts = await router.GetAsync(cancellationToken);
            await mounts.Ask<MountStatus>(new GetMountStatus(mount), MountPatience, cancellationToken);
            return HealthCheckResult.Healthy($"Up in the cluster; {mount} answers");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{mount} did not answer within {MountPatience.TotalSeconds} s");
        }
    }
}
