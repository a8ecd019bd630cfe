namespace Cycast.Actors.Relays;

/// <summary>Why a pull from the upstream failed, in words for the log.</summary>
internal sealed class UpstreamException(string message) : Exception(message);
