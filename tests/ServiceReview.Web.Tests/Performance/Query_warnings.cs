using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using ServiceReview.Web.Tests.Infrastructure;
using ServiceReview.Web.Tests.Inspections;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Performance;

/// <summary>
/// EF Core's MultipleCollectionIncludeWarning (several collections loaded in one SQL statement: a cartesian explosion)
/// throws in the Testing environment, so every test is a guard; these tests keep that guard armed and walk the
/// inspection journey with the EF log watched.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Query_warnings(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task In_the_tests_a_query_loading_several_collections_in_one_statement_throws()
    {
        // A project owns two collections (its holidays and its managers).
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDbAsync(db => db.Projects.AsNoTracking().ToListAsync()));
        Assert.Contains(nameof(RelationalEventId.MultipleCollectionIncludeWarning), refused.Message, StringComparison.Ordinal);

        Assert.NotNull(await factory.WithDbAsync(db => db.Projects.AsNoTracking().AsSplitQuery().ToListAsync()));
    }

    [Fact]
    public async Task The_inspection_journey_logs_no_multiple_collection_include_warning()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector4@demo.local");
        var log = new EventLog();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var inspector = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await F.SignInAsync(inspector, "inspector4@demo.local", F.DemoPassword);

        // Opening computes the measured figures from the service records (the query that used to warn), then submit.
        var html = await inspector.GetStringAsync($"/Inspections/Fill/{id}");
        var submitted = await inspector.PostAsync($"/Inspections/Fill/{id}",
            FormFields.WorkedExample().Content(F.FormTokenOf(html), F.StampOf(html), "submit"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/inspections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/Inspections")).StatusCode);

        Assert.NotEmpty(log.Events); // the log is really watched
        Assert.DoesNotContain(RelationalEventId.MultipleCollectionIncludeWarning, log.Events);
    }

    private sealed class EventLog : ILoggerProvider
    {
        public ConcurrentQueue<EventId> Events { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(EventLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id != 0)
                {
                    log.Events.Enqueue(eventId);
                }
            }
        }
    }
}
