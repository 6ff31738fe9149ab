using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Resilience
{
    // Keys: checkpoint:<wf>:s:<step> (the step record) and checkpoint:<wf>:j:<seq, 8 digits> (the journal: one
    // append-only record per completed step, in completion order; the record's fingerprint is the step name).
    // '%' and ':' are escaped in workflow ids and step names, so a key always splits unambiguously.
    internal static class CheckpointKeys
    {
        public const string Prefix = "checkpoint:";

        public static string Escape(string value) =>
            value.IndexOf('%') < 0 && value.IndexOf(':') < 0 ? value : value.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);

        public static string Unescape(string value) =>
            value.IndexOf('%') < 0 ? value : value.Replace("%3A", ":", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

        public static string RunPrefix(string workflowId) => string.Concat(Prefix, Escape(workflowId), ":");

        public static string StepKey(string workflowId, string step) => string.Concat(RunPrefix(workflowId), "s:", Escape(step));

        public static string JournalKey(string workflowId, int sequence) =>
            string.Concat(RunPrefix(workflowId), "j:", sequence.ToString("D8", CultureInfo.InvariantCulture));

        /// <summary>Splits a stored key into workflow id, kind ('s' or 'j') and the rest (unescaped step, or sequence).</summary>
        public static bool TryParse(string key, out string workflowId, out char kind, out string rest)
        {
            workflowId = string.Empty;
            kind = '\0';
            rest = string.Empty;
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            int end = key.IndexOf(':', Prefix.Length);
            if (end < 0 || end + 3 > key.Length || key[end + 2] != ':')
            {
                return false;
            }

            workflowId = Unescape(key.Substring(Prefix.Length, end - Prefix.Length));
            kind = key[end + 1];
            rest = kind == 's' ? Unescape(key.Substring(end + 3)) : key.Substring(end + 3);
            return kind is 's' or 'j';
        }

        public static string Location(IDurableStore store, string key) =>
            store is FileDurableStore file ? file.GetRecordPath(key) : $"key '{key}' of store '{store.Name}'";

        public static CheckpointCorruptedException Corrupted(DurableRecordCorruptedException ex, string workflowId, string step) =>
            new(workflowId, step, ex.Location, ex.Reason, ex);

        // A corrupt record met while listing: name the run and step from its key when the key can be parsed.
        public static CheckpointCorruptedException Corrupted(DurableRecordCorruptedException ex) =>
            TryParse(ex.Key, out string workflowId, out char kind, out string rest)
                ? new CheckpointCorruptedException(workflowId, kind == 's' ? rest : "journal entry " + rest, ex.Location, ex.Reason, ex)
                : new CheckpointCorruptedException("(unknown)", ex.Key, ex.Location, ex.Reason, ex);
    }

    // The saved outcome of a step: {"v":1,"result":<json>,"state":<json>}; result absent for steps without one,
    // state absent when no [CheckpointState] snapshot was saved.
    internal static class CheckpointPayload
    {
        public static byte[] Write(byte[]? result, byte[]? state)
        {
            var buffer = new ArrayBufferWriter<byte>(64 + (result?.Length ?? 0) + (state?.Length ?? 0));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("v", 1);
                if (result is not null)
                {
                    writer.WritePropertyName("result");
                    writer.WriteRawValue(result);
                }

                if (state is not null)
                {
                    writer.WritePropertyName("state");
                    writer.WriteRawValue(state);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        // The step ran but its result or state could not be saved exactly: {"v":1,"unavailable":"<why>"}.
        public static byte[] WriteUnavailable(string reason)
        {
            var buffer = new ArrayBufferWriter<byte>(64 + reason.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("v", 1);
                writer.WriteString("unavailable", reason);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>Reads the envelope; throws <see cref="FormatException"/> or <see cref="JsonException"/> when it is not one.</summary>
        public static void Read(ReadOnlyMemory<byte> payload, out byte[]? result, out byte[]? state, out string? unavailable)
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out JsonElement version) || version.GetInt32() != 1)
            {
                throw new FormatException("the saved step is not a version 1 checkpoint envelope");
            }

            result = root.TryGetProperty("result", out JsonElement r) ? Encoding.UTF8.GetBytes(r.GetRawText()) : null;
            state = root.TryGetProperty("state", out JsonElement s) ? Encoding.UTF8.GetBytes(s.GetRawText()) : null;
            unavailable = root.TryGetProperty("unavailable", out JsonElement u) ? u.GetString() ?? string.Empty : null;
        }
    }

    // What one run (a CheckpointScope, or this process for a workflow id used without a scope) has seen of a workflow:
    // the steps it replayed or completed, and a cache of the journal (which is append-only).
    internal sealed class CheckpointRunState
    {
        private const int MaxProcessRuns = 10_000;
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDurableStore, ConcurrentDictionary<string, CheckpointRunState>> s_processRuns = new();

        private readonly object _gate = new();
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _journal = new();
        private bool _contacted;

        public CheckpointRunState(bool scoped)
        {
            Scoped = scoped;
            Checking = scoped;
        }

        public bool Scoped { get; }

        // Whether the ordering check applies: always in a scope; without one only when this process saw the run from its
        // first step (see docs/checkpoint.md), so a forgotten entry never causes a false mismatch.
        public bool Checking { get; private set; }

        public static CheckpointRunState Get(IDurableStore store, string workflowId)
        {
            if (CheckpointScope.Current is { } scope)
            {
                return scope.GetRun(store.Name, workflowId);
            }

            ConcurrentDictionary<string, CheckpointRunState> runs = s_processRuns.GetValue(store, static _ => new ConcurrentDictionary<string, CheckpointRunState>(StringComparer.Ordinal));
            if (runs.TryGetValue(workflowId, out CheckpointRunState? run))
            {
                return run;
            }

            if (runs.Count >= MaxProcessRuns)
            {
                // Forgetting is safe: a run met again mid-way is not checked (Checking stays false).
                runs.Clear();
            }

            return runs.GetOrAdd(workflowId, static _ => new CheckpointRunState(scoped: false));
        }

        public static void Forget(IDurableStore store, string workflowId)
        {
            if (s_processRuns.TryGetValue(store, out ConcurrentDictionary<string, CheckpointRunState>? runs))
            {
                runs.TryRemove(workflowId, out _);
            }
        }

        public int JournalCount
        {
            get
            {
                lock (_gate)
                {
                    return _journal.Count;
                }
            }
        }

        public bool JournalContains(string step)
        {
            lock (_gate)
            {
                return _journal.Contains(step);
            }
        }

        public bool IsFirstInJournal(string step)
        {
            lock (_gate)
            {
                return _journal.Count > 0 && string.Equals(_journal[0], step, StringComparison.Ordinal);
            }
        }

        public void ResetJournal()
        {
            lock (_gate)
            {
                _journal.Clear();
            }
        }

        public void AddJournal(int sequence, string step)
        {
            lock (_gate)
            {
                if (sequence == _journal.Count)
                {
                    _journal.Add(step);
                }
            }
        }

        /// <summary>Records a replayed or completed step; the first contact of a process-wide run decides whether it is checked.</summary>
        public void Saw(string step, bool firstOfJournal)
        {
            lock (_gate)
            {
                if (!_contacted)
                {
                    _contacted = true;
                    if (!Scoped)
                    {
                        Checking = firstOfJournal;
                    }
                }

                _seen.Add(step);
            }
        }

        /// <summary>The first journaled step this run has not seen, other than <paramref name="step"/>; <see langword="null"/> when none.</summary>
        public string? FirstUnseen(string step, out int position)
        {
            lock (_gate)
            {
                if (!_contacted)
                {
                    _contacted = true;
                    if (!Scoped)
                    {
                        // A new step as this process's first contact: checked only when nothing is journaled yet.
                        Checking = _journal.Count == 0;
                    }
                }

                for (int i = 0; i < _journal.Count; i++)
                {
                    string recorded = _journal[i];
                    if (!_seen.Contains(recorded) && !string.Equals(recorded, step, StringComparison.Ordinal))
                    {
                        position = i;
                        return Checking ? recorded : null;
                    }
                }

                position = -1;
                return null;
            }
        }
    }
}
