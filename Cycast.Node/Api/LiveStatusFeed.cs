using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;

namespace Cycast.Node.Api;

/// <summary>
/// What <c>/api/live</c> pushes: <c>/api/status</c>'s document, taken once for every watcher on this node together,
/// when something changed (a listener joined or left this node, a mount whose entity runs here changed source or
/// title, a member came, went or became unreachable, a new watcher arrived) and otherwise every
/// <see cref="Interval"/> while anyone watches; with nobody watching, it takes nothing.
/// </summary>
public sealed class LiveStatusFeed(StationStatus status, ListenerRegistry listeners, ActorSystem system, ILogger<LiveStatusFeed> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>A burst of changes (a crowd joining at once) is taken as one every this often, not one status each.</summary>
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(250);

    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Channel<byte[]>, bool> _watchers = new();

    /// <summary>
    /// A watcher's feed of status documents, the first at once. It holds only the newest: a watcher that reads slowly
    /// skips documents rather than holding any up. Dispose of it to stop watching.
    /// </summary>
    public Watch Subscribe()
    {
        var feed = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers[feed] = true;
        Changed();
        return new Watch(feed.Reader, () => _watchers.TryRemove(feed, out _));
    }

    private void Changed() => _changed.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        listeners.Changed += Changed;
        var signals = system.ActorOf(Props.Create(() => new ChangeSignals(Changed)), "live-status-signals");
        try
        {
            var next = DateTime.UtcNow;
            while (!stoppingToken.IsCancellationRequested)
            {
                await NextChangeAsync(_watchers.IsEmpty ? Timeout.InfiniteTimeSpan : next - DateTime.UtcNow, stoppingToken);
                if (_watchers.IsEmpty)
                    continue;
                var taken = DateTime.UtcNow;
                next = taken + Interval;
                try
                {
                    var document = JsonSerializer.SerializeToUtf8Bytes(await StatusEndpoints.StatusAsync(status), StatusEndpoints.Json);
                    foreach (var watcher in _watchers.Keys)
                        watcher.Writer.TryWrite(document);
                }
                catch (AskTimeoutException error)
                {
                    // Not even this node's replica answered (the node is shutting down): the watchers keep their last document.
                    log.LogDebug("No live status this time: {Error}", error.Message);
                }
                var calm = taken + Coalescing - DateTime.UtcNow;
                if (calm > TimeSpan.Zero)
                    await Task.Delay(calm, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listeners.Changed -= Changed;
            system.Stop(signals);
        }
    }

    /// <summary>Waits for a change, or at most <paramref name="patience"/>.</summary>
    private async Task NextChangeAsync(TimeSpan patience, CancellationToken stoppingToken)
    {
        if (patience != Timeout.InfiniteTimeSpan && patience <= TimeSpan.Zero)
            return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(patience);
        try
        {
            await _changed.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One watcher's documents, oldest first; disposing of it ends the watch.</summary>
    public sealed class Watch(ChannelReader<byte[]> documents, Action end) : IDisposable
    {
        public ChannelReader<byte[]> Documents => documents;

        public void Dispose() => end();
    }

    /// <summary>Turns the event stream's mount events and the cluster's member events into a change.</summary>
    private sealed class ChangeSignals : ReceiveActor
    {
        public ChangeSignals(Action changed)
        {
            ReceiveAny(_ => changed());
        }

        protected override void PreStart()
        {
            Context.System.EventStream.Subscribe(Self, typeof(MountSourceChanged));
            Context.System.EventStream.Subscribe(Self, typeof(MountTitleChanged));
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        }

        protected override void PostStop()
        {
            Context.System.EventStream.Unsubscribe(Self);
            Cluster.Get(Context.System).Unsubscribe(Self);
        }
    }
}
