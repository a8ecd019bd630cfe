using Cycast.Shared.Config;
using static Cycast.Tests.Config.ConfigSamples;

namespace Cycast.Tests.Config;

/// <summary>A mount's recording keys: read as documented, strftime patterns filled in, bad values named by file, line and key.</summary>
public class RecordingConfigTests
{
    [Fact]
    public void Dump_file_and_its_rotation_are_read_and_a_mount_without_records_nothing()
    {
        var settings = Load("""
            mount "/live" {
              dump_file = "/var/rec/live-%Y%m%d-%H%M%S.mp3"
              dump_rotate_seconds = 3600
              dump_rotate_bytes = 100000000
            }
            mount "/plain" {
            }
            """).Settings;

        var recording = settings.Mounts.Single(mount => mount.Path == "/live").Recording!;
        Assert.Equal(("/var/rec/live-%Y%m%d-%H%M%S.mp3", TimeSpan.FromHours(1), 100000000L), (recording.File.Pattern, recording.RotateEvery, recording.RotateBytes));
        Assert.Null(settings.Mounts.Single(mount => mount.Path == "/plain").Recording);
    }

    [Fact]
    public void A_pattern_is_filled_in_with_the_time_its_file_opens()
    {
        Assert.True(DumpFilePattern.TryParse("/rec/%Y/%m/%d/%H%M%S-%j-%y-%I%p-%a-%b-%F_%T-%s%z-%e-100%%.mp3", out var pattern, out _));
        var time = new DateTimeOffset(2026, 3, 7, 18, 5, 9, TimeSpan.FromHours(1));

        Assert.Equal("/rec/2026/03/07/180509-066-26-06PM-Sat-Mar-2026-03-07_18:05:09-1772903109+0100- 7-100%.mp3", pattern!.Expand(time));
    }

    [Theory]
    [InlineData("mount \"/m\" {\n  dump_file = \"/rec/%Q.mp3\"\n}", "config.hcl:2:3: mount \"/m\".dump_file: %Q is not a conversion Cycast knows (" + DumpFilePattern.Conversions + "), in \"/rec/%Q.mp3\"", "mount \"/m\".dump_file")]
    [InlineData("mount \"/m\" {\n  dump_file = \"/rec/\"\n}", "config.hcl:2:3: mount \"/m\".dump_file: it names no file, in \"/rec/\"", "mount \"/m\".dump_file")]
    [InlineData("mount \"/m\" {\n  dump_file = 5\n}", "config.hcl:2:3: mount \"/m\".dump_file: expected a string, got 5", "mount \"/m\".dump_file")]
    [InlineData("mount \"/m\" {\n  dump_file = \"/rec/a.mp3\"\n  dump_rotate_bytes = 1000\n}", "config.hcl:3:3: mount \"/m\".dump_rotate_bytes: expected 0 (no limit) or an integer between 16384 and 2147483647, got 1000", "mount \"/m\".dump_rotate_bytes")]
    [InlineData("mount \"/m\" {\n  dump_file = \"/rec/a.mp3\"\n  dump_rotate_seconds = -1\n}", "config.hcl:3:3: mount \"/m\".dump_rotate_seconds: expected an integer between 0 and 31622400, got -1", "mount \"/m\".dump_rotate_seconds")]
    [InlineData("mount \"/m\" {\n  dump_rotate_seconds = 60\n}", "config.hcl:2:3: mount \"/m\".dump_rotate_seconds: set without dump_file: there is no recording to cut", "mount \"/m\".dump_rotate_seconds")]
    public void Bad_values_name_file_line_and_key(string hcl, string expectedMessage, string expectedKey)
    {
        var error = LoadFails(hcl);

        Assert.Equal((expectedMessage, expectedKey, FileName), (error.Message, error.Key, error.File));
    }
}
