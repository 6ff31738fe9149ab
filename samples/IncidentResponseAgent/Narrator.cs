namespace IncidentResponseAgent;

/// <summary>Prints what the agent and each policy did, in the order it happened.</summary>
public sealed class Narrator(TextWriter output)
{
    private readonly object _gate = new();

    public void Step(int number, string step) => Write($"\n[{number}] {step}");

    public void Resumed(int number, string step) => Write($"    ↺ completed in an earlier run: result and state restored from the checkpoint, not executed");

    public void Policy(string text) => Write($"    · {text}");

    public void Action(string text) => Write($"    ▶ {text}");

    public void Info(string text) => Write(text);

    private void Write(string text)
    {
        lock (_gate)
        {
            output.WriteLine(text);
        }
    }
}
