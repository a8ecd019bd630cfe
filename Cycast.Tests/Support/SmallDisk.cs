namespace Cycast.Tests.Support;

/// <summary>
/// A tmpfs of a few KiB mounted for one test (the tests run as root): a disk that really fills up, so writes fail with
/// "No space left on device" as on a full production disk, which no permission can fake for root.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(int kibibytes)
    {
        var path = Directory.CreateTempSubdirectory("cycast-small-disk-").FullName;
        var (exit, _, errors) = await ExternalProgram.Start("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", path).ExitAsync();
        Assert.True(exit == 0, $"could not mount a tmpfs on {path}: {errors}");
        return new SmallDisk(path);
    }

    public async ValueTask DisposeAsync()
    {
        await ExternalProgram.Start("umount", Path).ExitAsync();
        Directory.Delete(Path, recursive: true);
    }
}
