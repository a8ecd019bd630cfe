using System.Runtime.InteropServices;

namespace Cycast.Bench;

/// <summary>
/// Raw Linux calls for the listener load generator and process control. Going below
/// System.Net.Sockets lets one thread drive ~19 000 sockets without a managed object,
/// a SocketAsyncEventArgs or a thread-pool hop per socket, so the client stays far
/// cheaper than the servers it measures.
/// </summary>
internal static unsafe partial class LibC
{
    public const int AF_INET = 2;
    public const int SOCK_STREAM = 1;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_ERROR = 4;
    public const int SOL_IP = 0;
    // Defers the ephemeral port choice from bind() to connect(), so binding to one of
    // several 127.0.0.x source addresses does not shrink the port pool per address.
    public const int IP_BIND_ADDRESS_NO_PORT = 24;
    public const int MSG_NOSIGNAL = 0x4000;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EINPROGRESS = 115;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x1;
    public const uint EPOLLOUT = 0x4;
    public const uint EPOLLERR = 0x8;
    public const uint EPOLLHUP = 0x10;

    public const int SIGINT = 2;
    public const int SIGTERM = 15;
    public const int RLIMIT_NOFILE = 7;
    public const int ScClkTck = 2; // _SC_CLK_TCK

    /// <summary>The x86-64 kernel ABI packs epoll_event to 12 bytes (other architectures do not).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrIn
    {
        public ushort Family;
        public ushort PortNetworkOrder;
        public uint AddressNetworkOrder;
        public ulong Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_wait(int epfd, EpollEvent* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, SockAddrIn* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, SockAddrIn* address, int addressLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, int* value, int valueLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockopt(int fd, int level, int name, int* value, int* valueLength);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    /// <summary>pid 0 is the calling thread; the mask holds one bit per CPU.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setaffinity(int pid, nint maskSize, ulong* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, RLimit* limit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setrlimit(int resource, RLimit* limit);

    [LibraryImport("libc")]
    public static partial long sysconf(int name);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    public static SockAddrIn InetAddress(System.Net.IPAddress address, int port)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return new SockAddrIn
        {
            Family = AF_INET,
            PortNetworkOrder = (ushort)System.Net.IPAddress.HostToNetworkOrder((short)port),
            AddressNetworkOrder = MemoryMarshal.Read<uint>(bytes),
        };
    }

    /// <summary>Both servers and this client hold one descriptor per listener.</summary>
    public static void RaiseOpenFileLimitToHardLimit()
    {
        RLimit limit;
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
        limit.Current = limit.Maximum;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    /// <summary>Keeps the calling thread on one CPU, so a server pinned to another has that core to itself.</summary>
    public static void PinCurrentThread(int cpu)
    {
        var mask = 1UL << cpu;
        if (sched_setaffinity(0, sizeof(ulong), &mask) != 0)
            throw new InvalidOperationException($"sched_setaffinity to CPU {cpu} failed: {Marshal.GetLastPInvokeError()}");
    }

    public static int OpenFileLimit()
    {
        RLimit limit;
        return getrlimit(RLIMIT_NOFILE, &limit) == 0 ? (int)Math.Min(limit.Current, int.MaxValue) : 1024;
    }
}
