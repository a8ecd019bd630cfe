using Akka.Actor;

namespace Cycast.Tests.Support;

/// <summary>Awaits one event from an ActorSystem's event stream, so tests wait on what happened, not on time.</summary>
public static class MountEvents
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Subscribes at once; the returned task completes when a matching event is published.</summary>
    public static Task WaitAsync<T>(ActorSystem system, Func<T, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new Watcher<T>(match, seen)));
        system.EventStream.Subscribe(watcher, typeof(T));
        return seen.Task.WaitAsync(Patience).ContinueWith(task =>
        {
            system.Stop(watcher);
            return task;
        }).Unwrap();
    }

    private sealed class Watcher<T> : ReceiveActor
    {
        public Watcher(Func<T, bool> match, TaskCompletionSource seen) =>
            Receive<T>(message =>
            {
                if (match(message))
                    seen.TrySetResult();
            });
    }
}
