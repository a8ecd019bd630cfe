using System.Net.Http.Json;
using System.Text.Json;
using Cycast.Actors.Messages;
using Cycast.Shared.Audio;
using Cycast.Tests.Support;

namespace Cycast.Tests.Playlist;

/// <summary>The playlist names what it plays as an encoder would: in ICY blocks and in /api/status.</summary>
public sealed class FallbackTitleTests
{
    private const int Metaint = 1000;

    [Fact]
    public async Task Titles_come_from_id3_tags_else_the_file_name_and_reach_icy_blocks_and_the_api()
    {
        using var music = new TempMusicDirectory();
        var tagged = File.ReadAllBytes(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3"));
        var id3 = Id3Reader.Read(tagged);
        music.Write("Nobody - Untagged Tone.mp3", tagged[id3.AudioStart..id3.AudioEnd]);
        music.Write("cycast-a440.mp3", tagged);
        await using var station = await TestStation.StartAsync(new StationOptions { IcyMetaint = Metaint, ExtraBlocks = music.PlaylistBlock() });
        var secondTrack = MountEvents.WaitAsync(station.System, (MountTitleChanged changed) => changed.Title.Title == "A440 Tone");
        var (listener, head) = await TestListener.ConnectAsync(station, icy: true);
        await using var _ = listener;
        Assert.Contains($"icy-metaint:{Metaint}\r\n", head);

        // A listener that joins before the playlist has named its first track gets an empty title first.
        Assert.Equal("Nobody - Untagged Tone", await IcyTitles.NextNamedAsync(listener, Metaint));
        await AssertStatusAsync(station, title: "Untagged Tone", artist: "Nobody");

        await secondTrack;
        Assert.Equal("Cycast Test Signals - A440 Tone", await IcyTitles.NextNamedAsync(listener, Metaint));
        await AssertStatusAsync(station, title: "A440 Tone", artist: "Cycast Test Signals");
    }

    private static async Task AssertStatusAsync(TestStation station, string title, string artist)
    {
        using var http = new HttpClient();
        var status = await http.GetFromJsonAsync<JsonElement>(station.Url("/api/status"));
        Assert.False(status.GetProperty("source_connected").GetBoolean());
        Assert.Equal("Playlist", status.GetProperty("source_status").GetString());
        Assert.Equal(title, status.GetProperty("metadata").GetProperty("title").GetString());
        Assert.Equal(artist, status.GetProperty("metadata").GetProperty("artist").GetString());
    }
}
