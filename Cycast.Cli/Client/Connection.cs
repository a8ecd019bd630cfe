using System.CommandLine;

namespace Cycast.Cli.Client;

/// <summary>
/// Which node to talk to and as whom: <c>--node</c>, <c>--user</c>, <c>--password</c>, each defaulting to its
/// environment variable, on every command.
/// </summary>
public static class Connection
{
    public const string NodeVariable = "CYCAST_NODE";
    public const string UserVariable = "CYCAST_ADMIN_USER";
    public const string PasswordVariable = "CYCAST_ADMIN_PASSWORD";

    public static readonly Option<string> Node = new("--node")
    {
        Description = $"Any node's listen port URL, e.g. http://10.0.0.1:8001 (default: ${NodeVariable}, else http://127.0.0.1:8001)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(NodeVariable) ?? "http://127.0.0.1:8001",
    };

    public static readonly Option<string> User = new("--user")
    {
        Description = $"The admin block's user (default: ${UserVariable}, else admin)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UserVariable) ?? "admin",
    };

    public static readonly Option<string?> Password = new("--password")
    {
        Description = $"The admin block's password (default: ${PasswordVariable})",
        Recursive = true,
        // Read when the command runs, not as the option's default: help prints defaults, and this one is a secret.
    };

    public static AdminClient Open(ParseResult parse)
    {
        var node = parse.GetValue(Node)!;
        if (!Uri.TryCreate(node, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliError($"--node must be a node's URL such as http://127.0.0.1:8001, not '{node}'");
        var password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable(PasswordVariable)
            ?? throw new CliError($"no admin password: give --password or set {PasswordVariable}");
        return new AdminClient(uri, parse.GetValue(User)!, password);
    }
}
