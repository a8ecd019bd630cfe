namespace Cycast.Bench;

/// <summary>One of the servers being compared.</summary>
internal interface IStreamServer
{
    /// <summary>Lower-case name as used by --servers and in the report.</summary>
    string Name { get; }

    /// <summary>Builds or locates the server once before any phase; returns a version description for the report.</summary>
    Task<string> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Starts a fresh instance with the shared stream settings and the phase's launch settings.</summary>
    Task<RunningServer> StartAsync(ServerLaunch launch, string workDirectory, CancellationToken cancellationToken);
}
