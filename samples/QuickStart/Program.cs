using QuickStart;

return await QuickStartDemo.RunAsync(Console.Out);
