using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Cycast.Actors.Clustering;
using Cycast.Actors.Messages;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Tests.Cluster;

/// <summary>Every message that crosses nodes goes through the binary serializer that hocon/ binds, and comes back equal.</summary>
public sealed class MountMessageSerializerTests : IDisposable
{
    private static readonly StreamHeadFields Head = new("audio/ogg", "Name", null, "Description", null, true, "128", null);
    private static readonly TrackTitle Title = new("Artist", "Title ü");

    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests", ConfigurationFactory
        .ParseString("akka.actor.provider = local")
        .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "cycast.hocon")))));

    private static object[] Messages(IActorRef replica) =>
    [
        new SourceConnect("/a", Guid.NewGuid(), new SourceProperties("audio/mpeg", "n", null, "d", "u", null, "128", "x=1", "Lavf/61.7.100"), "1.2.3.4:5"),
        new SourceConnect("/a", Guid.NewGuid(), new SourceProperties("audio/mpeg", null, "g", null, null, true, null, null, null), "peer"),
        new SourceAccepted("/a", 1L << 35),
        new SourceProgress("/a", Guid.NewGuid(), 1L << 36),
        new SourceMoving("/a", Guid.NewGuid(), 7),
        new MountMoving("/a", 1L << 37),
        new SourceRefused("/a", "Mountpoint in use"),
        new SourceDisconnect("/a", Guid.NewGuid(), "gone"),
        new UpdateMetadata("/a", Title),
        new MetadataUpdated("/a"),
        new MetadataRefused("/a", "Source does not exist"),
        new GetMountStatus("/a"),
        new MountStatus("/a", true, false, Title, 12, Head, 1L << 40, 1000, 2000, 15, DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123), "10.0.0.9:4242", "butt 0.1.40"),
        new SubscribeReplica("/a", replica, 3),
        new SubscribeReplica("/a", replica, 0, SourceWasLive: true, Continues: true, Epoch: 1_796_000_000_123_456),
        new MountFenced("/a", 1_796_000_000_123_457),
        new ReplicaSubscribed("/a"),
        new ReplicaListeners("/a", replica, 0),
        new GetMountNodes("/a"),
        new KillSource("/a"),
        new SourceKilled("/a", Found: false),
        new WakeMount("/a"),
        new GetNodeListeners(WithEntries: true),
        new GetNodeListeners(WithEntries: false),
        new KickListener(1L << 52),
        new ListenerKicked(7, Found: true),
        GetListenerHistory.Instance,
        new MoveListeners("/a", "/b"),
        new MountRetired("/a"),
        new ListenersMoved(3),
    ];

    [Fact]
    public void Every_message_that_may_cross_nodes_has_a_manifest_of_its_own()
    {
        var serializer = Assert.IsType<MountMessageSerializer>(_system.Serialization.FindSerializerFor(new WakeMount("/a")));
        var kinds = typeof(IClusterMessage).Assembly.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && typeof(IClusterMessage).IsAssignableFrom(type))
            .ToArray();
        var manifests = kinds.Select(type => serializer.Manifest(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type))).ToArray();
        Assert.Equal(kinds.Length, manifests.Distinct().Count());
    }

    [Fact]
    public void Messages_without_arrays_come_back_equal()
    {
        var replica = _system.DeadLetters;
        foreach (var message in Messages(replica))
            Assert.Equal(message, RoundTrip(message));
    }

    [Fact]
    public void A_nodes_listener_history_comes_back_sample_for_sample()
    {
        var sent = new NodeListenerHistory("akka.tcp://cycast@10.0.0.1:4053", "studio-b", [new ListenerSample(1_800_000_000, 0), new ListenerSample(1_800_000_010, 12_345)]);
        var back = Assert.IsType<NodeListenerHistory>(RoundTrip(sent));
        Assert.Equal((sent.Node, sent.Name), (back.Node, back.Name));
        Assert.Equal(sent.Samples, back.Samples);
    }

    [Fact]
    public void Source_audio_comes_back_byte_for_byte_in_a_buffer_of_its_own()
    {
        var buffer = new byte[] { 1, 2, 3, 4, 5, 0xFF };
        var sent = new SourceData("/a", Guid.NewGuid(), 1L << 34, buffer.AsMemory(0, 5));
        var back = Assert.IsType<SourceData>(RoundTrip(sent));
        Assert.Equal((sent.MountPath, sent.SessionId, sent.Position, sent.End), (back.MountPath, back.SessionId, back.Position, back.End));
        Assert.Equal(buffer[..5], back.Data.ToArray());
        buffer[0] = 42;
        Assert.Equal(1, back.Data.Span[0]);
    }

    [Fact]
    public void A_resume_and_a_sources_stream_context_come_back_field_for_field()
    {
        var session = Guid.NewGuid();
        var resume = new SourceResume(1L << 33, Title, [0x4F, 0x67, 0x67], Continues: true);
        var connect = Assert.IsType<SourceConnect>(RoundTrip(new SourceConnect("/a", session, new SourceProperties("audio/ogg", null, null, null, null, null, null, null, null), "peer", resume)));
        Assert.Equal((session, "peer"), (connect.SessionId, connect.Peer));
        Assert.Equal((resume.Position, resume.Title, resume.Continues), (connect.Resume!.Position, connect.Resume.Title, connect.Resume.Continues));
        Assert.Equal(resume.StreamHeader, connect.Resume.StreamHeader);

        var context = Assert.IsType<SourceStreamContext>(RoundTrip(new SourceStreamContext("/a", session, Title, [1, 2])));
        Assert.Equal((session, Title), (context.SessionId, context.Title));
        Assert.Equal([1, 2], context.StreamHeader);
    }

    [Fact]
    public void Mount_audio_state_and_nodes_come_back_field_for_field()
    {
        var audio = Assert.IsType<MountAudio>(RoundTrip(new MountAudio("/a", 1L << 33, new byte[] { 9, 8, 7 }, [1L << 33, (1L << 33) + 2], Epoch: 1L << 50)));
        Assert.Equal(("/a", 1L << 33, 1L << 50), (audio.MountPath, audio.Offset, audio.Epoch));
        Assert.Equal([9, 8, 7], audio.Data.ToArray());
        Assert.Equal([1L << 33, (1L << 33) + 2], audio.JoinPoints);

        var state = Assert.IsType<MountStreamState>(RoundTrip(new MountStreamState("/a", 4, long.MaxValue, [0x4F, 0x67], Head, Title, SourceLive: true, Continuation: true, Origin: 1L << 35, Epoch: 1L << 51)));
        Assert.Equal(("/a", 4, long.MaxValue, Head, Title, true, true, 1L << 35, 1L << 51),
            (state.MountPath, state.StreamNumber, state.EarliestJoin, state.Head, state.Title, state.SourceLive, state.Continuation, state.Origin, state.Epoch));
        Assert.Equal([0x4F, 0x67], state.StreamHeader);

        var nodes = Assert.IsType<MountNodes>(RoundTrip(new MountNodes("/a", "akka.tcp://cycast@a:1", new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 })));
        Assert.Equal("akka.tcp://cycast@a:1", nodes.EntityNode);
        Assert.Equal(new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }, nodes.ListenersByNode);
    }

    [Fact]
    public void A_nodes_listeners_come_back_field_for_field()
    {
        var sent = new NodeListeners("akka.tcp://cycast@a:1", "node ä", new Dictionary<string, int> { ["/a"] = 2, ["/b ü"] = 1 }, 1L << 40,
            [new ListenerEntry(1, "/a", 1L << 35, 3600, "10.1.2.3", "VLC/3.0"), new ListenerEntry(7, "/b ü", 0, 0, "::1", ""), new ListenerEntry(9, "/a", 12, 1, "127.0.0.1", "mpv ü")]);
        var back = Assert.IsType<NodeListeners>(RoundTrip(sent));
        Assert.Equal((sent.Node, sent.Name, sent.BytesSent), (back.Node, back.Name, back.BytesSent));
        Assert.Equal(sent.ListenersByMount, back.ListenersByMount);
        Assert.Equal(sent.Listeners, back.Listeners);

        var counted = Assert.IsType<NodeListeners>(RoundTrip(sent with { Listeners = [] }));
        Assert.Empty(counted.Listeners);
        Assert.Equal(3, counted.Total);
    }

    [Fact]
    public void The_serializer_counts_the_bytes_it_writes_and_reads()
    {
        var traffic = InterNodeTraffic.For(_system);
        RoundTrip(new MountAudio("/a", 0, new byte[1000], []));
        Assert.True(traffic.BytesSent > 1000);
        Assert.Equal(traffic.BytesSent, traffic.BytesReceived);
        Assert.Equal(1000, traffic.AudioBytesReceived);
    }

    [Fact]
    public void A_message_cut_short_is_a_serialization_error()
    {
        // Found by SerializerFuzzing: a GetMountNodes whose string claims more bytes than follow threw EndOfStreamException.
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([0xBD, 0x43, 0xFC, 0xFF], "GN"));
        Assert.Contains("GN", error.Message);
        Assert.Throws<SerializationException>(() => Serializer.FromBinary([], "SC"));
    }

    [Fact]
    public void A_count_of_2_31_is_refused_before_anything_is_allocated_for_it()
    {
        // Found by SerializerFuzzing: a forged array length made the reader allocate what it claimed (16 GiB of join points).
        var audio = Serializer.ToBinary(new MountAudio("/a", 0, new byte[] { 1 }, [7]));
        // The join points' count comes before the one join point and the fencing number.
        BitConverter.GetBytes(int.MaxValue).CopyTo(audio, audio.Length - 20);
        var header = Serializer.ToBinary(new SourceStreamContext("/a", Guid.NewGuid(), Title, [1, 2]));
        BitConverter.GetBytes(int.MaxValue).CopyTo(header, header.Length - 6);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(audio, "MA"));
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(header, "SK"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void Bytes_left_over_after_a_message_are_a_serialization_error()
    {
        var bytes = Serializer.ToBinary(new WakeMount("/a"));

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([.. bytes, 0], "WM"));
        Assert.Contains("left over", error.Message);
    }

    private MountMessageSerializer Serializer => Assert.IsType<MountMessageSerializer>(_system.Serialization.FindSerializerFor(new WakeMount("/a")));

    private object RoundTrip(object message)
    {
        var serializer = Assert.IsType<MountMessageSerializer>(_system.Serialization.FindSerializerFor(message));
        var bytes = serializer.ToBinary(message);
        return serializer.FromBinary(bytes, serializer.Manifest(message));
    }

    public void Dispose() => _system.Terminate().Wait();
}
