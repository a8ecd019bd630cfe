using Cycast.Shared.Config;
using static Cycast.Tests.Config.ConfigSamples;

namespace Cycast.Tests.Config;

/// <summary>Icecast's per-mount options in a mount block: read as Icecast means them, bad values named by file, line and key.</summary>
public class MountOptionsConfigTests
{
    [Fact]
    public void Every_option_is_read_and_unset_ones_fall_back_to_the_station()
    {
        var intro = Path.Combine(Tests.Support.RepoMusic.Directory, "cycast-a440.mp3");
        var settings = Load($$"""
            buffer {
              burst_size = 1000
              queue_size = 200000
            }
            mount "/full" {
              max_listener_duration = 3600
              burst_size = 20000
              queue_size = 100000
              stream_name = "Name"
              stream_description = "Description"
              stream_url = "http://example.org"
              genre = "Jazz"
              public = true
              hidden = true
              charset = "ISO-8859-1"
              intro = "{{intro}}"
            }
            mount "/plain" {
            }
            """).Settings;

        var full = settings.Mounts.Single(mount => mount.Path == "/full");
        Assert.Equal(new MountLimits(TimeSpan.FromHours(1), 20000, 100000), full.Limits);
        Assert.Equal(new MountOverrides("Name", "Description", "http://example.org", "Jazz", true, true, "ISO-8859-1"), full.Overrides);
        Assert.Equal(intro, full.Intro);
        var plain = settings.Mounts.Single(mount => mount.Path == "/plain");
        Assert.Equal((MountLimits.Station, MountOverrides.None, (string?)null), (plain.Limits, plain.Overrides, plain.Intro));
        Assert.Equal((1000, 200000), (plain.Limits.BurstSizeIn(settings.Buffer), plain.Limits.QueueSizeIn(settings.Buffer)));
    }

    [Theory]
    [InlineData("mount \"/m\" {\n  max_listener_duration = -1\n}", "config.hcl:2:3: mount \"/m\".max_listener_duration: expected an integer >= 0, got -1", "mount \"/m\".max_listener_duration")]
    [InlineData("mount \"/m\" {\n  hidden = \"yes\"\n}", "config.hcl:2:3: mount \"/m\".hidden: expected true or false, got \"yes\"", "mount \"/m\".hidden")]
    [InlineData("mount \"/m\" {\n  public = 1\n}", "config.hcl:2:3: mount \"/m\".public: expected true or false, got 1", "mount \"/m\".public")]
    [InlineData("mount \"/m\" {\n  genre = 5\n}", "config.hcl:2:3: mount \"/m\".genre: expected a string, got 5", "mount \"/m\".genre")]
    [InlineData("mount \"/m\" {\n  charset = \"klingon\"\n}", "config.hcl:2:3: mount \"/m\".charset: expected a character set .NET knows, such as \"ISO-8859-1\", got \"klingon\"", "mount \"/m\".charset")]
    [InlineData("mount \"/m\" {\n  intro = \"/nonexistent/intro.mp3\"\n}", "config.hcl:2:3: mount \"/m\".intro: expected the path of a readable MP3 or Ogg file, got \"/nonexistent/intro.mp3\"", "mount \"/m\".intro")]
    [InlineData("buffer {\n  size_mb = 1\n}\nmount \"/m\" {\n  burst_size = 1048577\n}", "config.hcl:5:3: mount \"/m\".burst_size: expected an integer between 0 and 1048576 (buffer.size_mb in bytes), got 1048577", "mount \"/m\".burst_size")]
    [InlineData("mount \"/m\" {\n  burst_size = 10000\n  queue_size = 10000\n}", "config.hcl:3:3: mount \"/m\".queue_size: expected an integer between 18192 (burst_size + broadcaster.chunk_size) and 5242880 (half of buffer.size_mb in bytes), got 10000", "mount \"/m\".queue_size")]
    [InlineData("mount \"/m\" {\n  burst_size = 600000\n}", "config.hcl:2:3: mount \"/m\".burst_size: leaves buffer.queue_size (524288) below an integer between 608192 (burst_size + broadcaster.chunk_size) and 5242880 (half of buffer.size_mb in bytes); set queue_size too", "mount \"/m\".burst_size")]
    [InlineData("mount \"/m\" {\n  fallback_mount = \"automation\"\n}", "config.hcl:2:3: mount \"/m\".fallback_mount: expected a mount path starting with '/', got \"automation\"", "mount \"/m\".fallback_mount")]
    [InlineData("mount \"/m\" {\n  fallback_mount = \"/nowhere\"\n}", "config.hcl:2:3: mount \"/m\".fallback_mount: \"/nowhere\" is no mount of this file (give it a mount block)", "mount \"/m\".fallback_mount")]
    [InlineData("mount \"/a\" {\n  fallback_mount = \"/b\"\n}\nmount \"/b\" {\n  fallback_mount = \"/a\"\n}", "config.hcl:2:3: mount \"/a\".fallback_mount: fallbacks go round in a loop: /a -> /b -> /a", "mount \"/a\".fallback_mount")]
    public void Bad_values_name_file_line_and_key(string hcl, string expectedMessage, string expectedKey)
    {
        var error = LoadFails(hcl);

        Assert.Equal((expectedMessage, expectedKey, FileName), (error.Message, error.Key, error.File));
    }
}
