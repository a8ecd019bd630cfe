using System.CommandLine;
using Cycast.Cli.Client;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary><c>source kick</c> and <c>metadata set</c>: Icecast's killsource and metadata updinfo.</summary>
public static class SourceCommands
{
    private static Argument<string> Mount() => new("mount") { Description = "The mount's path, e.g. /stream" };

    public static Command Build()
    {
        var mount = Mount();
        var kick = new Command("kick", "Disconnects the mount's live encoder; its playlist takes over") { mount };
        kick.SetAction(Run(async (parse, client, cancel) =>
            Output.Line(await client.IcecastAsync(AdminClient.Query("/admin/killsource", ("mount", parse.GetValue(mount))), cancel))));
        return new Command("source", "The encoders feeding the mounts") { kick };
    }

    public static Command Metadata()
    {
        var mount = Mount();
        var title = new Argument<string>("title") { Description = "What listeners see, e.g. \"Artist - Title\"" };
        var set = new Command("set", "Sets the title listeners see") { mount, title };
        set.SetAction(Run(async (parse, client, cancel) => Output.Line(await client.IcecastAsync(AdminClient.Query("/admin/metadata",
            ("mount", parse.GetValue(mount)), ("mode", "updinfo"), ("song", parse.GetValue(title))), cancel))));
        return new Command("metadata", "A mount's title") { set };
    }
}
