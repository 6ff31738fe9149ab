using IncidentResponseAgent;

return await IncidentDemo.RunAsync(args, Console.Out);
