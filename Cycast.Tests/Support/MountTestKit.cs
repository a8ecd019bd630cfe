using Akka.TestKit.Xunit2;
using Cycast.Shared.Protocol;

namespace Cycast.Tests.Support;

/// <summary>An actor system for a mount's entity and replicas on their own, and the live MP3 source the tests feed them.</summary>
public abstract class MountTestKit() : TestKit("akka.actor.provider = cluster")
{
    protected const string Mount = "/stream";
    protected static readonly Guid Session = Guid.NewGuid();
    protected static readonly SourceProperties Mp3 = new("audio/mpeg", "Live", null, null, null, null, null, null, null);
}
