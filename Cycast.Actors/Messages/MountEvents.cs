using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Messages;

// Published on the node's event stream for whoever watches the station.

/// <summary>
/// Published on the event stream of the node running the mount's entity when its live source comes or goes, for
/// whoever watches the station. <see cref="Resumed"/>: a source that followed its moving mount, not a new one.
/// </summary>
public sealed record MountSourceChanged(string MountPath, bool Live, bool Resumed = false);

/// <summary>Published on the event stream when a mount's playlist takes over: at start-up, or after its live source went.</summary>
public sealed record MountFallbackStarted(string MountPath, ContainerFormat Format);

/// <summary>Published on the event stream when a mount's title changes, from a source, its tags, or the playlist.</summary>
public sealed record MountTitleChanged(string MountPath, TrackTitle Title);
