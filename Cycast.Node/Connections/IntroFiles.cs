using System.Collections.Concurrent;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Config;

namespace Cycast.Node.Connections;

/// <summary>
/// The mounts' intro files (Icecast's <c>&lt;intro&gt;</c>), each read once and kept, so every new listener of a mount
/// is sent the same bytes. Only the audio goes out, from its first frame (MP3, without tags or the Xing/Info frame)
/// or page (Ogg) to its last, so the mount's own audio starts on a boundary. A file that cannot be played, or is not
/// in the format the mount streams, is skipped with one warning: icecast2 sends whatever the file holds, but a player
/// handed MP3 bytes inside an Ogg stream stops. A reload reads the files again.
/// </summary>
public sealed class IntroFiles
{
    private readonly ConcurrentDictionary<string, Lazy<PlaylistTrack?>> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Mount, string File), bool> _mismatchesLogged = new();
    private readonly ILogger<IntroFiles> _log;

    public IntroFiles(LiveSettings live, ILogger<IntroFiles> log)
    {
        _log = log;
        live.Changed += _ =>
        {
            _files.Clear();
            _mismatchesLogged.Clear();
        };
    }

    /// <summary>What a new listener of <paramref name="mount"/>, which streams <paramref name="contentType"/>, hears first; empty for nothing.</summary>
    public ReadOnlyMemory<byte> For(MountSettings mount, string contentType)
    {
        if (mount.Intro is not { } path || _files.GetOrAdd(path, file => new Lazy<PlaylistTrack?>(() => Load(file))).Value is not { } intro)
            return ReadOnlyMemory<byte>.Empty;
        if (ContainerFormats.FromContentType(contentType) != intro.Format)
        {
            if (_mismatchesLogged.TryAdd((mount.Path, path), true))
            {
                _log.LogWarning("Intro {File} of {Mount} is {Format} but the mount streams {ContentType}: its listeners join without it",
                    path, mount.Path, intro.Format, contentType);
            }
            return ReadOnlyMemory<byte>.Empty;
        }
        var first = intro.Units[0].Offset;
        return intro.Bytes.AsMemory(first, intro.Units[^1].End - first);
    }

    private PlaylistTrack? Load(string path)
    {
        try
        {
            var intro = TrackLoader.Load(path);
            _log.LogInformation("Intro {File} read: {Bytes} bytes of {Format}, {Seconds:F1} s", path, intro.Bytes.Length, intro.Format, intro.Duration.TotalSeconds);
            return intro;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or UnplayableTrackException)
        {
            _log.LogWarning("Intro {File} cannot be played ({Reason}): listeners join without it", path, error.Message);
            return null;
        }
    }
}
