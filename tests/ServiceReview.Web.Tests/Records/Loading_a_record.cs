using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Records;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Records;

/// <summary>The record is read in a bounded number of queries: none per comment, file, dispute, action or audit entry.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Loading_a_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const int Bound = 12;

    [Fact]
    public async Task A_record_full_of_comments_files_rulings_and_actions_takes_as_many_queries_as_a_bare_one()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = ["inspector1@demo.local", "inspector2@demo.local"] });
        var bare = round[F.Lead1Team, "inspector1@demo.local"];
        var full = round[F.Lead1Team, "inspector2@demo.local"];
        await factory.SubmitAsync(bare, F.Inputs.WorkedExample());
        await factory.SubmitAsync(full, F.Inputs.WorkedExample());
        await factory.DisputeAndChangeAsync(full, "2.3", "有分析记录", "优秀", "改为优秀");
        var teamId = await factory.TeamIdAsync(F.Lead1Team);
        await factory.WithDbAsync(async db =>
        {
            var people = await db.People.Where(p => p.Email == "inspector2@demo.local" || p.Email == "lead1@demo.local" || p.Email == "manager@demo.local").Select(p => p.Id).ToListAsync();
            var now = DateTime.UtcNow;
            for (var i = 0; i < 6; i++)
            {
                var author = people[i % people.Count];
                var comment = new Comment(full, i % 2 == 0 ? null : "3.2", author, $"第 {i + 1} 条评论", now.AddMinutes(i));
                db.Comments.Add(comment);
                db.Attachments.Add(new Attachment(AttachmentOwner.Indicator(full, "1.3"),
                    new StoredFile($"照片{i}.jpg", "image/jpeg", AttachmentKind.Image, 1000 + i, new string('c', 64), $"k{i}", 10, 10, $"t{i}"), people[0], now));
                db.CorrectiveActions.Add(new CorrectiveAction(round.RoundId, teamId, "3.2", $"整改 {i}", people[1], DateOnly.FromDateTime(now).AddDays(14), people[2], now, full));
            }

            return await db.SaveChangesAsync();
        });

        var log = new CommandLog();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)
            .AddProvider(log)));
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await F.SignInAsync(manager, "manager@demo.local", F.DemoPassword);

        var counts = new Dictionary<string, int>();
        foreach (var url in new[] { $"/inspections/{bare}", $"/inspections/{full}", $"/api/inspections/{bare}", $"/api/inspections/{full}" })
        {
            log.Clear();
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(url)).StatusCode);
            counts[url] = log.Tagged;
        }

        Assert.InRange(counts[$"/inspections/{bare}"], 5, Bound);
        Assert.Equal(counts[$"/inspections/{bare}"], counts[$"/inspections/{full}"]);
        Assert.Equal(counts[$"/api/inspections/{bare}"], counts[$"/api/inspections/{full}"]);
        var json = await manager.GetStringAsync($"/api/inspections/{full}");
        Assert.Contains("第 6 条评论", json, StringComparison.Ordinal); // the full record really is full
    }

    private sealed class CommandLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public int Tagged => _commands.Count(c => c.Contains("-- " + RecordQueries.Tag, StringComparison.Ordinal));

        public void Clear() => _commands.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CommandLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category == "Microsoft.EntityFrameworkCore.Database.Command" && eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
                {
                    log._commands.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
