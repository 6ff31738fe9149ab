using Resilience.Testing;

namespace Resilience.Runtime.Tests.Checkpoints;

// Issue #12's checkpoint rows on every store (PostgreSQL links this file).
public abstract class CheckpointDataContractTests
{
    protected FakeClock Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvance = true };

    protected abstract IDurableStore Store { get; }

    private readonly Dictionary<string, int> _runs = new();

    // A [CheckpointState] with a get-only list, a private setter and a public field.
    public sealed class AgentState
    {
        public int Attempts;

        public List<string> Log { get; } = new();

        public string Phase { get; private set; } = "new";

        public void Enter(string phase) => Phase = phase;
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class Agent
    {
        private readonly CheckpointDataContractTests _test;

        public Agent(CheckpointDataContractTests test) => _test = test;

        public AgentState State { get; set; } = new();

        public async Task<T> StepAsync<T>(string workflowId, string name, Func<T> body)
        {
            var policy = new CheckpointPolicy("Tests.DataContract." + name, new CheckpointOptions { Step = name });
            var fingerprint = new ArgumentFingerprint();
            fingerprint.Add(name);
            CheckpointStep<T> step = await policy.BeginAsync<T>(_test.Store, workflowId, fingerprint.ToHexString(), CancellationToken.None);
            if (step.IsReplay)
            {
                if (step.TryGetState(out AgentState state))
                {
                    State = state;
                }

                return step.Result;
            }

            T result;
            try
            {
                _test._runs[name] = _test._runs.GetValueOrDefault(name) + 1;
                result = body();
            }
            catch
            {
                await step.ReleaseAsync();
                throw;
            }

            await step.CompleteAsync(result, State);
            return result;
        }

        public async Task<string> RunAsync(string workflowId)
        {
            foreach (string name in new[] { "one", "two", "three" })
            {
                await StepAsync(workflowId, name, () =>
                {
                    State.Log.Add(name);
                    State.Attempts++;
                    State.Enter("after-" + name);
                    return name;
                });
            }

            return string.Join(",", State.Log);
        }
    }

    [Fact]
    public async Task State_with_a_get_only_list_a_private_setter_and_a_field_is_restored_exactly_on_resume()
    {
        string workflowId = "wf-" + Guid.NewGuid().ToString("N");
        await new Agent(this).RunAsync(workflowId);

        var resumed = new Agent(this);
        string log = await resumed.RunAsync(workflowId);

        Assert.Equal("one,two,three", log);
        Assert.Equal(3, resumed.State.Attempts);
        Assert.Equal("after-three", resumed.State.Phase);
        Assert.Equal(new[] { 1, 1, 1 }, _runs.Values);
    }

    [Fact]
    public async Task A_step_result_that_cannot_be_saved_is_never_run_again_and_says_so()
    {
        string workflowId = "wf-" + Guid.NewGuid().ToString("N");
        var agent = new Agent(this);
        var first = await Assert.ThrowsAsync<DurableStoreException>(() => agent.StepAsync(workflowId, "cyclic", () =>
        {
            var node = new Node();
            node.Next = node;
            return node;
        }));
        Assert.Contains("cycle", first.Message);

        var again = await Assert.ThrowsAsync<DurableStoreException>(() => new Agent(this).StepAsync(workflowId, "cyclic", () => new Node()));
        Assert.Contains("already ran", again.Message);
        Assert.Equal(1, _runs["cyclic"]);
        Assert.Equal(new[] { "cyclic" }, (await CheckpointWorkflows.GetRunAsync(Store, workflowId))!.CompletedSteps);
    }
}

public sealed class InMemoryCheckpointDataContractTests : CheckpointDataContractTests
{
    public InMemoryCheckpointDataContractTests() => Store = new InMemoryDurableStore(Clock);

    protected override IDurableStore Store { get; }
}

public sealed class FileCheckpointDataContractTests : CheckpointDataContractTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-ckpt-contract-" + Guid.NewGuid().ToString("N"));

    public FileCheckpointDataContractTests() => Store = new FileDurableStore(_directory, Clock);

    protected override IDurableStore Store { get; }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
