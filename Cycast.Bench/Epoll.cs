using static Cycast.Bench.LibC;

namespace Cycast.Bench;

/// <summary>A level-triggered epoll instance; the token is the listener index.</summary>
internal sealed unsafe class Epoll : IDisposable
{
    private readonly int _fd;

    public Epoll()
    {
        _fd = epoll_create1(EPOLL_CLOEXEC);
        if (_fd < 0) throw new InvalidOperationException($"epoll_create1 failed, errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    public void Add(int fd, uint events, ulong token) => Control(EPOLL_CTL_ADD, fd, events, token);

    public void Modify(int fd, uint events, ulong token) => Control(EPOLL_CTL_MOD, fd, events, token);

    /// <returns>Number of ready events; 0 on timeout or signal interruption.</returns>
    public int Wait(Span<EpollEvent> events, int timeoutMs)
    {
        fixed (EpollEvent* buffer = events)
        {
            var count = epoll_wait(_fd, buffer, events.Length, timeoutMs);
            return count < 0 ? 0 : count;
        }
    }

    private void Control(int op, int fd, uint events, ulong token)
    {
        var ev = new EpollEvent { Events = events, Data = token };
        if (epoll_ctl(_fd, op, fd, &ev) != 0)
            throw new InvalidOperationException($"epoll_ctl({op}) failed, errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    public void Dispose() => close(_fd);
}
