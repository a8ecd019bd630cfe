namespace Cycast.Cli.Client;

/// <summary>What went wrong, in one line for the operator: printed as <c>cycast: message</c> with exit code 1, never a stack trace.</summary>
public sealed class CliError(string message) : Exception(message);
