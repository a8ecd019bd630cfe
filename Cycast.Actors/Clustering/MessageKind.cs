namespace Cycast.Actors.Clustering;

/// <summary>One kind of message between nodes: its type, the manifest that names it on the wire, its writer and reader.</summary>
internal sealed record MessageKind(Type Type, string Manifest, Action<BinaryWriter, object> Write, Func<BinaryReader, object> Read)
{
    public static MessageKind Of<T>(string manifest, Action<BinaryWriter, T> write, Func<BinaryReader, T> read) where T : notnull =>
        new(typeof(T), manifest, (w, message) => write(w, (T)message), r => read(r));
}
