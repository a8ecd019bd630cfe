namespace Cycast.Tests.Support;

/// <summary>A count one task raises and another awaits, so a test paces one side by the other without sleeping.</summary>
public sealed class ProgressCounter
{
    private readonly object _gate = new();
    private long _value;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set(long value)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _value = value;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public async Task WaitForAsync(long atLeast)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_value >= atLeast)
                    return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(MountEvents.Patience);
        }
    }
}
