using Cycast.Cli;

return await CycastCommandLine.Build().Parse(args).InvokeAsync();
