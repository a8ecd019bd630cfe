using Cycast.Shared.Config;
using Cycast.Tests.Support;

namespace Cycast.Tests.Docs;

/// <summary>
/// docs/configuration.md lists every key the settings binder reads, and no other. The binder's own record of the keys
/// it read (<see cref="LoadedSettings.Keys"/>) is the code's side, so a key added to a reader fails here until documented.
/// </summary>
public sealed class ConfigurationDocTests
{
    [Fact]
    public async Task Every_key_the_binder_reads_is_documented_and_every_documented_key_is_read()
    {
        using var certificates = await TestCertificates.CreateAsync();
        var (certificate, key) = await certificates.IssueAsync("docs", serial: 1);
        // The binder only checks that an htpasswd file can be read; an empty one will do.
        var htpasswd = Path.GetTempFileName();
        // Every block there is, each empty but for what a present block requires: the binder reads its whole schema.
        var everyBlock = $$"""
            server {}
            buffer {}
            playlist {}
            broadcaster {}
            metadata {}
            advanced {}
            cluster {}
            admin {
              password = "docs"
            }
            tls {
              certificate = "{{certificate}}"
              key = "{{key}}"
            }
            mount "/docs" {
              auth {
                type = "htpasswd"
                filename = "{{htpasswd}}"
              }
            }
            mount "/docs-url" {
              auth {
                type = "url"
                listener_add = "http://127.0.0.1:1/add"
              }
            }
            mount "/docs-relay" {
              relay {
                url = "http://127.0.0.1:1/live"
              }
            }
            """;
        IReadOnlySet<string> read;
        try
        {
            read = SettingsLoader.Parse(everyBlock, "every-block.hcl", _ => null).Keys;
        }
        finally
        {
            File.Delete(htpasswd);
        }

        var documented = DocsPage.Read("docs/configuration.md").ListedNames();

        var undocumented = read.Except(documented).Order().ToList();
        var unknown = documented.Except(read).Order().ToList();
        Assert.True(undocumented.Count == 0, "read by the binder but not in docs/configuration.md:\n" + string.Join("\n", undocumented));
        Assert.True(unknown.Count == 0, "in docs/configuration.md but not read by the binder:\n" + string.Join("\n", unknown));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    [Fact]
    public void The_keys_read_are_those_of_the_blocks_in_the_file()
    {
        // The record follows the reads: a file without admin, tls or mount blocks has none of their keys.
        var keys = SettingsLoader.Parse("server {\n  source_port = 9000\n}\n", "server.hcl", _ => null).Keys;

        Assert.Contains("server.source_port", keys);
        Assert.Contains("buffer.queue_size", keys);
        Assert.DoesNotContain(keys, key => key.StartsWith("admin.", StringComparison.Ordinal) || key.StartsWith("tls.", StringComparison.Ordinal)
            || key.StartsWith("mount.", StringComparison.Ordinal));
    }
}
