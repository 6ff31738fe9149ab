using DatabaseMigrationAgent;

return await MigrationDemo.RunAsync(args, Console.Out);
