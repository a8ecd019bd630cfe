using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Dispatch;
using Akka.Event;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cycast.Node.Observability;

/// <summary>
/// Akka's logger: each of Akka's log events becomes one Microsoft.Extensions.Logging entry, its text the message alone
/// (the console formatter adds the time and level once), its category the class that logged it (an actor's own class,
/// <c>Akka.Cluster.Cluster</c>, a shard region), so an operator filters by category as for the rest of the node.
/// Akka.Hosting's own adapter logs everything as <c>Akka.Actor.ActorSystem</c> with Akka's header inside the text.
/// </summary>
public sealed class AkkaLogForwarder : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory = DependencyResolver.For(Context.System).Resolver.GetService<ILoggerFactory>();
    private readonly Dictionary<string, ILogger> _loggers = new();
    // Resolved when first needed: the refusals' metrics need the actor system, which is starting when this logger is.
    private Refusals? _refusals;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent logEvent:
                Forward(logEvent);
                return true;
            default:
                return false;
        }
    }

    private void Forward(LogEvent logEvent)
    {
        var text = logEvent.Message?.ToString() ?? "";
        if (ClusterHandshakeFailures.RejectedPeer(text) is { } peer)
        {
            _refusals ??= DependencyResolver.For(Context.System).Resolver.GetService<Refusals>();
            _refusals.Refused(Refusals.ClusterHandshake, peer.Address,
                $"Refused a cluster connection from {peer}: its TLS handshake failed (a node without this cluster's secret, or not a node)");
            return;
        }
        var level = RoutineAkkaMessages.IsRoutine(text, logEvent.Cause) || ClusterHandshakeFailures.IsDetail(text, logEvent.Cause)
            ? LogLevel.Debug
            : LevelOf(logEvent.LogLevel());
        var logger = LoggerFor(CategoryOf(logEvent));
        if (logger.IsEnabled(level))
            logger.Log(level, default, new AkkaLogEntry(text, logEvent.LogSource), logEvent.Cause, static (entry, _) => entry.Message);
    }

    /// <summary>
    /// Akka's components that log under a name rather than a class (<c>Cluster (akka://cycast)</c>, <c>remoting</c>)
    /// become <c>Akka.Cluster</c>, <c>Akka.remoting</c>: filtered with the rest of Akka, the system's name dropped.
    /// </summary>
    private static string CategoryOf(LogEvent logEvent)
    {
        if (logEvent.LogClass is { } type && type != typeof(DummyClassForStringSources))
            return type.FullName ?? type.Name;
        var name = logEvent.LogSource;
        var system = name.IndexOf(" (", StringComparison.Ordinal);
        return "Akka." + (system > 0 ? name[..system] : name);
    }

    private ILogger LoggerFor(string category)
    {
        if (!_loggers.TryGetValue(category, out var logger))
            _loggers[category] = logger = _factory.CreateLogger(category);
        return logger;
    }

    private static LogLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
