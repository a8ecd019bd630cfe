using Cycast.Node.Hosting;

return await NodeCommandLine.InvokeAsync(args);
