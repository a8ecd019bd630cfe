using Cycast.Tests.Cluster;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Recording;

/// <summary>
/// A recorded mount whose entity's node leaves: the recording moves with the entity. Each node's file decodes with
/// ffmpeg from its first byte to its last, and both are runs of exactly the bytes a listener heard, one after the
/// other: the second begins where the first ended, give or take a frame, and no audio is in both, so the two nodes
/// never recorded at once.
/// </summary>
[StartsLast]
public sealed class RecordingMoveTests(ITestOutputHelper output)
{
    /// <summary>The encoder's bit rate in bytes a second: 128 kbit/s.</summary>
    private const int BytesPerSecond = 16000;

    [Fact]
    public async Task A_recording_moves_with_its_mount_to_the_next_node_in_a_file_of_its_own()
    {
        using var recordings = new RecordingDirectory();
        await using var cluster = await StartAsync(recordings);
        var first = await cluster.EntityNodeAsync("/stream");
        var encoderNode = cluster.Nodes.First(node => node != first);
        var listener = (await Continuity.ListenOnAsync([encoderNode])).Single();
        await using var _ = listener;
        var ffmpeg = EncodeTo(encoderNode);
        await using (ffmpeg)
        {
            await first.WaitForLogAsync("Recording /stream to ", Continuity.LeavePatience);
            // Three seconds recorded on the entity's first node.
            await listener.WaitForBytesAsync(listener.Count + 3 * BytesPerSecond);
            await first.LeaveAsync(Continuity.LeavePatience);
            await encoderNode.WaitUntilAsync(async () => await Continuity.EntityAddressAsync(encoderNode) is { } moved && moved != first.Address, Continuity.LeavePatience);
            var next = await cluster.EntityNodeAsync("/stream", encoderNode);
            await next.WaitForLogAsync("Recording /stream to ", Continuity.LeavePatience);
            // Three seconds recorded on the next node, then the encoder goes and the file is closed.
            await listener.WaitForBytesAsync(listener.Count + 3 * BytesPerSecond);
            Assert.False(ffmpeg.HasExited, $"ffmpeg exited: {ffmpeg.StandardError}");
            ffmpeg.Kill();
            await next.WaitForLogAsync("Recording of /stream closed", Continuity.LeavePatience);

            // The listener has heard everything the next node recorded once it hears the playlist after it.
            await listener.WaitForBytesAsync(listener.Count + BytesPerSecond);
            var heard = listener.Received;
            var (firstFile, firstBytes) = Assert.Single(RecordingDirectory.Closed(first.Process.StandardOutput.Split('\n'), "/stream"));
            var (nextFile, nextBytes) = Assert.Single(RecordingDirectory.Closed(next.Process.StandardOutput.Split('\n'), "/stream"));
            Assert.NotEqual(firstFile, nextFile);
            Assert.Equal(2, Directory.GetFiles(recordings.Path).Length);
            var firstAt = await AssertHeardAsync(heard, firstFile, firstBytes);
            var nextAt = await AssertHeardAsync(heard, nextFile, nextBytes);
            var gap = nextAt - (firstAt + firstBytes);
            output.WriteLine($"first node's file ends {gap} bytes ({gap * 1000.0 / BytesPerSecond:0} ms of audio) before the next node's begins");
            Assert.InRange(gap, 0, BytesPerSecond / 2);
        }
    }

    [Fact]
    public async Task A_killed_nodes_file_holds_whole_frames_and_the_next_node_records_on_in_a_new_file()
    {
        using var recordings = new RecordingDirectory();
        await using var cluster = await StartAsync(recordings);
        var first = await cluster.EntityNodeAsync("/stream");
        var encoderNode = cluster.Nodes.First(node => node != first);
        await using var ffmpeg = EncodeTo(encoderNode);
        await first.WaitForLogAsync("Recording /stream to ", Continuity.LeavePatience);
        var listener = (await Continuity.ListenOnAsync([encoderNode])).Single();
        await using var _ = listener;
        // Three seconds recorded on the entity's first node, which then dies in the middle of its file.
        await listener.WaitForBytesAsync(3 * BytesPerSecond);
        first.Process.Kill();
        await encoderNode.WaitUntilAsync(async () => await Continuity.EntityAddressAsync(encoderNode) is { } moved && moved != first.Address, Continuity.LeavePatience);
        var next = await cluster.EntityNodeAsync("/stream", encoderNode);
        await next.WaitForLogAsync("Recording /stream to ", Continuity.LeavePatience);
        await listener.WaitForBytesAsync(listener.Count + 3 * BytesPerSecond);
        ffmpeg.Kill();
        await next.WaitForLogAsync("Recording of /stream closed", Continuity.LeavePatience);

        var firstFile = Assert.Single(RecordingDirectory.Opened(first.Process.StandardOutput.Split('\n'), "/stream"));
        Assert.Empty(RecordingDirectory.Closed(first.Process.StandardOutput.Split('\n'), "/stream"));
        var (nextFile, nextBytes) = Assert.Single(RecordingDirectory.Closed(next.Process.StandardOutput.Split('\n'), "/stream"));
        Assert.NotEqual(firstFile, nextFile);
        var firstSeconds = await RecordingDirectory.AssertMp3DecodesAsync(firstFile);
        var nextSeconds = await RecordingDirectory.AssertMp3DecodesAsync(nextFile);
        output.WriteLine($"killed node's file {firstFile}: {new FileInfo(firstFile).Length} bytes, {firstSeconds:0.000} s; next node's {nextFile}: {nextBytes} bytes, {nextSeconds:0.000} s");
        Assert.True(firstSeconds > 2, $"the killed node's file holds only {firstSeconds:0.000} s");
        Assert.True(nextSeconds > 2, $"the next node's file holds only {nextSeconds:0.000} s");
    }

    /// <summary>Three nodes that record /stream into <paramref name="recordings"/>, with the repository's playlist.</summary>
    private static Task<TestCluster> StartAsync(RecordingDirectory recordings) => TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist with
    {
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + recordings.MountBlock("/stream", "stream-%H%M%S.mp3"),
    });

    /// <summary>ffmpeg, which never reconnects, streaming ten minutes of a tone at 128 kbit/s to /stream on <paramref name="node"/>.</summary>
    private static ExternalProgram EncodeTo(ClusterNode node) => ExternalProgram.Ffmpeg("ffmpeg",
        "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=600 -c:a libmp3lame -b:a 128k " +
        $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{node.SourcePort}/stream");

    /// <summary>The file decodes, holds what its node said, and is a run of what the listener heard: returns where.</summary>
    private async Task<long> AssertHeardAsync(byte[] heard, string file, long bytes)
    {
        var recorded = await File.ReadAllBytesAsync(file);
        Assert.Equal(bytes, recorded.Length);
        var seconds = await RecordingDirectory.AssertMp3DecodesAsync(file);
        output.WriteLine($"{file}: {bytes} bytes, {seconds:0.000} s");
        Assert.True(seconds > 2, $"{file} holds only {seconds:0.000} s");
        var at = heard.AsSpan().IndexOf(recorded);
        Assert.True(at >= 0, $"{file} is not what the listener heard");
        return at;
    }
}
