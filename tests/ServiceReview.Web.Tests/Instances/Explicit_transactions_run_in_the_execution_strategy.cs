using Microsoft.EntityFrameworkCore;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Instances;

/// <summary>
/// SQL Server's and PostgreSQL's retrying execution strategies refuse a transaction begun outside
/// <c>CreateExecutionStrategy().ExecuteAsync</c> (ADR 0028). Two lines of defence: every web test runs with a strategy
/// that declares it retries (so a test that reaches such a transaction fails), and a scan of the sources finds any
/// <c>BeginTransaction</c> that no test reaches.
/// </summary>
public sealed class Explicit_transactions_run_in_the_execution_strategy(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task The_tests_run_with_a_retrying_strategy_that_refuses_work_in_a_transaction_begun_outside_it()
    {
        // EF checks when the next command runs through the strategy, outside ExecuteAsync, with the transaction open.
        var error = await factory.WithDbAsync(async db =>
        {
            Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await Record.ExceptionAsync(() => db.People.CountAsync());
        });

        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void Every_BeginTransaction_in_the_sources_is_inside_an_execution_strategy()
    {
        var src = Path.Combine(AppProcess.RepositoryRoot(), "src");
        var outside = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TransactionsOutsideAStrategy(File.ReadAllLines(f)).Select(line => $"{Path.GetRelativePath(src, f)}:{line}"))
            .ToList();

        Assert.True(outside.Count == 0,
            "Begin these transactions inside db.Database.CreateExecutionStrategy().ExecuteAsync(...) (ADR 0028):\n" + string.Join("\n", outside));
    }

    [Fact]
    public void The_scan_tells_a_transaction_inside_a_strategy_from_one_outside()
    {
        string[] inside =
        [
            "    public async Task SaveAsync()",
            "    {",
            "        var strategy = db.Database.CreateExecutionStrategy();",
            "        await strategy.ExecuteAsync(async () =>",
            "        {",
            "            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);",
            "            await transaction.CommitAsync(cancellationToken);",
            "        });",
            "    }",
        ];
        string[] outside =
        [
            "    public async Task SaveAsync()",
            "    {",
            "        var strategy = db.Database.CreateExecutionStrategy();",
            "        await strategy.ExecuteAsync(async () => await db.SaveChangesAsync());",
            "        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))",
            "        {",
            "        }",
            "    }",
        ];

        Assert.Empty(TransactionsOutsideAStrategy(inside));
        Assert.Equal([5], TransactionsOutsideAStrategy(outside));
    }

    /// <summary>
    /// The (1-based) lines that begin a transaction with no enclosing block opened by an <c>ExecuteAsync(</c>/<c>Execute(</c>
    /// call: walking up from the line, each line less indented than all below it opens an enclosing block (a lone brace, the statement above it).
    /// </summary>
    private static List<int> TransactionsOutsideAStrategy(string[] lines)
    {
        var found = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains("BeginTransaction", StringComparison.Ordinal) || lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = IndentOf(lines[i]);
            var inside = false;
            for (var j = i - 1; j >= 0 && indent > 4 && !inside; j--)
            {
                if (lines[j].Trim().Length == 0 || IndentOf(lines[j]) >= indent)
                {
                    continue;
                }

                // A block opened by a lone brace belongs to the statement above it.
                indent = IndentOf(lines[j]);
                var opener = lines[j].Trim() == "{" && j > 0 ? lines[j - 1] : lines[j];
                inside = opener.Contains("ExecuteAsync(", StringComparison.Ordinal) || opener.Contains(".Execute(", StringComparison.Ordinal);
            }

            if (!inside)
            {
                found.Add(i + 1);
            }
        }

        return found;
    }

    private static int IndentOf(string line) => line.Length - line.TrimStart().Length;
}
