using System.Diagnostics;

namespace Resilience.IntegrationTests;

/// <summary>
/// Packs the packages to a local folder and builds a fresh consumer project from them alone: one PackageReference must
/// bring the attributes, the runtime, the generator and the analyzers.
/// </summary>
public class PackageConsumerTests
{
    private const string ConsumerProgram = """
        using Resilience;

        var agent = new Agent();
        Console.WriteLine($"result={agent.Fetch(41)} attempts={agent.Attempts}");

        public partial class Agent
        {
            public int Attempts;

            [Retry(MaxRetries = 2, BaseDelayMs = 0)]
            [Fallback(nameof(Cached))]
            public partial int Fetch(int value);

            // Counting attempts in a retried method: the analyzers must say so (RES1001).
            private int FetchCore(int value) => ++Attempts < 2 ? throw new TimeoutException("flaky") : value + 1;

            private int Cached(int value) => -1;
        }
        """;

    [Fact]
    public void A_consumer_builds_and_runs_from_the_packages_alone()
    {
        string version = "0.1.0-consumer." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        string work = Directory.CreateTempSubdirectory("resilience-consumer-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed");
            foreach (string project in new[] { "Resilience.Attributes", "Resilience.Runtime", "Resilience.Runtime.Postgres" })
            {
                Run("dotnet", $"pack \"{Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj")}\" -c Release -o \"{feed}\" -p:Version={version}", RepositoryPaths.Root);
            }

            Assert.True(File.Exists(Path.Combine(feed, $"Resilience.Runtime.{version}.nupkg")));
            Assert.True(File.Exists(Path.Combine(feed, $"Resilience.Runtime.Postgres.{version}.nupkg")));

            string consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Resilience.Runtime" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
            // Keep the repository's Directory.*.props out of the consumer.
            File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");

            string build = Run("dotnet", "build -c Release", consumer);
            Assert.Contains("RES1001", build);

            string output = Run("dotnet", "run -c Release --no-build", consumer);
            Assert.Contains("result=42 attempts=2", output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (string id in new[] { "resilience.attributes", "resilience.runtime", "resilience.runtime.postgres" })
            {
                string cached = Path.Combine(packages, id, version);
                if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
            }
        }
    }

    private static string Run(string file, string arguments, string directory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables must not leak into the child builds.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" }) start.Environment.Remove(name);

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"'{file} {arguments}' did not finish in 5 minutes.");
        string all = output + error.Result;
        Assert.True(process.ExitCode == 0, $"'{file} {arguments}' failed ({process.ExitCode}):\n{all}");
        return all;
    }
}
