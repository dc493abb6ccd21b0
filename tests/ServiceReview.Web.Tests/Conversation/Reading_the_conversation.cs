using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Conversation;

/// <summary>The conversation is read in a bounded number of queries: a longer conversation with more files costs no more.</summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Reading_the_conversation(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task A_conversation_of_one_comment_and_one_of_five_with_files_take_the_same_queries()
    {
        var log = new CommandLog();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.AddProvider(log);
            l.AddFilter<CommandLog>(DbLoggerCategory.Database.Command.Name, LogLevel.Information);
        }));
        var shortOne = await factory.ConversationRecordAsync(submitted: true);
        var longOne = await factory.ConversationRecordAsync(submitted: true);
        await factory.EnsureDemoDataAsync();
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await F.SignInAsync(manager, "manager@demo.local", F.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await F.PostCommentAsync(manager, shortOne, "一条")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await F.PostCommentAsync(manager, longOne, $"第{i}条", "2.3", ("a.png", F.SampleFiles.Png), ("b.pdf", F.SampleFiles.Pdf))).StatusCode);
        }

        var few = await CommandsOnConversationTablesAsync(manager, log, shortOne);
        var many = await CommandsOnConversationTablesAsync(manager, log, longOne);

        Assert.InRange(few, 1, 3);
        Assert.Equal(few, many);
    }

    private static async Task<int> CommandsOnConversationTablesAsync(HttpClient client, CommandLog log, int id)
    {
        log.Commands.Clear();
        var page = await client.GetStringAsync($"/inspections/{id}/conversation");
        Assert.NotEmpty(Html.All(page, "[data-comment]"));
        return log.Commands.Count(c => c.Contains("\"Comments\"", StringComparison.Ordinal) || c.Contains("\"Attachments\"", StringComparison.Ordinal));
    }

    private sealed class CommandLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CommandLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id == RelationalEventId.CommandExecuted.Id)
                {
                    log.Commands.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
