// Source: github.com/windperson/OrleansPollyDemo — src/ConsoleDemoPolly/Program.cs
// Original: retryPolicy.Execute(() => { Console.WriteLine(...); if (executionCount < 3) { ...; executionCount++; throw new MyException(...); } Console.WriteLine("Oh Yes! We Passed!!!"); });
public partial class ConsoleDemoPolly
{
    private int _executionCount;

    [Retry(MaxRetries = 3)]
    public partial void Run();
    private void RunCore()
    {
        Console.WriteLine("\r\n===\r\nTry Polly in command line");
        if (_executionCount < 3)
        {
            Console.WriteLine("Next I will throw an exception");
            {|RES1001:_executionCount++|};
            throw new InvalidOperationException($"This is the {_executionCount} time(s) exception");
        }

        Console.WriteLine("Oh Yes! We Passed!!!");
    }
}
