using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Rounds;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Infrastructure.Seeding;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.Analytics;
using ServiceReview.Web.Features.Dashboards;

namespace ServiceReview.Infrastructure.Tests.Analytics;

/// <summary>
/// The accuracy statistics (inspector bias, agreement, signals) and the dashboards' queries over the demo data, on every
/// provider a test machine can start: the same test body on SQLite and on PostgreSQL.
/// </summary>
public abstract class AnalyticsContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    internal async Task<IServiceProvider> GivenDemoDatabaseAsync()
    {
        await GivenMigratedDatabaseAsync(Seed.DemoData, configure: DemoDatabase.UseFixedClock);
        return Services;
    }

    [SkippableFact]
    public async Task Inspector_bias_over_the_demo_rounds_flags_the_lenient_and_the_severe_inspector_and_no_fair_one()
    {
        var services = await DemoDatabase.CreateAsync(this);

        var report = await DemoDatabase.BiasAsync(services);

        Assert.Equal(DemoDataSeeder.FinishedRounds, report.Rounds);
        var rows = report.Inspectors.ToDictionary(r => r.Email);
        Assert.Equal(BiasFlag.Lenient, rows["inspector2@demo.local"].Flag);
        Assert.Equal(BiasFlag.Severe, rows["inspector3@demo.local"].Flag);
        Assert.Null(rows["inspector1@demo.local"].Flag);
        Assert.True(rows["inspector2@demo.local"].Difference!.Mean > 0);
        Assert.True(rows["inspector3@demo.local"].Difference!.Mean < 0);
        Assert.All(report.Inspectors, r => Assert.Equal(report.Categories.Count, r.Categories.Count));

        // The scored count is a plain recount of confirmed inspections.
        await using var db = DemoDatabase.Context(services);
        var confirmed = await db.Inspections.AsNoTracking().Where(i => i.Status == InspectionStatus.Confirmed && i.TotalBeforeVeto != null)
            .GroupBy(i => i.InspectorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.All(report.Inspectors, r => Assert.Equal(confirmed.GetValueOrDefault(r.PersonId), r.Scored));
    }

    [SkippableFact]
    public async Task Every_finished_round_has_agreement_on_totals_and_indicators_and_its_signals()
    {
        var services = await DemoDatabase.CreateAsync(this);
        await using var db = DemoDatabase.Context(services);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();

        foreach (var id in rounds)
        {
            var agreement = (await DemoDatabase.AgreementAsync(services, id))!;
            Assert.Equal(5, agreement.Teams);
            Assert.Equal(5 * DemoDataSeeder.InspectorsPerTeam, agreement.ConfirmedInspections);
            Assert.NotNull(agreement.AlphaInterval);
            Assert.InRange(agreement.AlphaInterval!.Value, -1, 1);
            Assert.NotEmpty(agreement.Indicators);
            Assert.All(agreement.Indicators.Where(i => i.Alpha is not null), i => Assert.InRange(i.Alpha!.Value, -1.0000001, 1.0000001));
        }

        // The lenient and the severe inspector show up as signals somewhere in the finished rounds.
        var signals = new List<RoundSignal>();
        foreach (var id in rounds)
        {
            signals.AddRange((await DemoDatabase.AgreementAsync(services, id))!.Signals);
        }

        Assert.NotEmpty(signals);
        Assert.Null(await DemoDatabase.AgreementAsync(services, -1));
    }

    [SkippableFact]
    public async Task The_dashboards_rank_the_teams_trend_every_finished_round_and_age_the_open_actions()
    {
        var services = await DemoDatabase.CreateAsync(this);
        using var scope = services.CreateScope();
        var dashboards = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var latest = (await dashboards.RoundsAsync()).First(r => r.Status == RoundStatus.Closed);

        var round = (await dashboards.RoundAsync(latest.Id, null, 3))!;

        Assert.Equal(5, round.Teams.Count);
        Assert.Equal(0, round.TeamsWithoutResult);
        Assert.Equal(5, round.Grades.Sum(g => g.Teams));
        Assert.Equal(3, round.Weakest.Count);
        Assert.All(round.Categories, c => Assert.NotNull(c.Mean));
        Assert.Equal(round.Teams.OrderByDescending(t => t.Total).Select(t => t.Total), round.Teams.Select(t => t.Total));

        var team = await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var trend = await dashboards.TeamTrendAsync(team, null, null);
        Assert.Equal(DemoDataSeeder.FinishedRounds, trend.Count(p => p.Total is not null));
        Assert.Equal(trend.OrderBy(p => p.PeriodStart).Select(p => p.RoundId), trend.Select(p => p.RoundId));
        Assert.True(trend[0].PlanChanged);

        var ages = await dashboards.OpenActionsByAgeAsync(null, null);
        var open = await db.CorrectiveActions.CountAsync(a => a.VerifiedAt == null);
        Assert.Equal(open, ages.Sum(a => a.Open));
    }
}

/// <summary>The contract on SQLite, the embedded default.</summary>
public sealed class SqliteAnalyticsTests() : AnalyticsContractTests(ProviderDatabase.Sqlite());

/// <summary>The contract on a real PostgreSQL server, and the same answers as SQLite to the last digit.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAnalyticsTests(PostgreSqlServer server)
    : AnalyticsContractTests(ProviderDatabase.PostgreSql(server, "analytics"))
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, WriteIndented = true, Converters = { new ValueOnlyDecimals() } };

    [SkippableFact]
    public async Task Bias_agreement_signals_and_dashboards_are_the_same_as_on_sqlite()
    {
        using var sqliteFile = new SqliteDatabase();
        var postgres = await DemoDatabase.CreateAsync(this);
        await using var sqlite = await DemoDatabase.CreateAsync(DatabaseProvider.Sqlite, sqliteFile.ConnectionString);

        Assert.Equal(await DemoDatabase.EverythingAsync(sqlite, Json), await DemoDatabase.EverythingAsync(postgres, Json));
    }
}

/// <summary>
/// Writes a decimal by value, without its scale: PostgreSQL's numeric(18,4) gives 20.0000 where SQLite gives 20.0, the
/// same number (every page formats points itself).
/// </summary>
internal sealed class ValueOnlyDecimals : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.############################", CultureInfo.InvariantCulture));
}

/// <summary>A database of the given provider, migrated and loaded with the demo data, with the app's services.</summary>
internal static class DemoDatabase
{
    /// <summary>The test's own database, with the demo data.</summary>
    public static Task<IServiceProvider> CreateAsync(AnalyticsContractTests test) => test.GivenDemoDatabaseAsync();

    /// <summary>Another database, with the demo data, disposed by the caller.</summary>
    public static Task<ServiceProvider> CreateAsync(DatabaseProvider provider, string connectionString) =>
        ProviderContractTests.MigratedAsync(provider, connectionString, Seed.DemoData, configure: UseFixedClock);

    /// <summary>The same demo data on every provider.</summary>
    public static void UseFixedClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(new FixedClock());

    /// <summary>Today at 10:00 UTC, whole seconds (PostgreSQL keeps microseconds, SQLite ticks).</summary>
    private sealed class FixedClock : TimeProvider
    {
        private readonly DateTimeOffset _now = new(DateTime.UtcNow.Date.AddHours(10), TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;
    }

#pragma warning disable CA2000 // The caller disposes the context, the only disposable the scope holds.
    public static ServiceReviewDbContext Context(IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
#pragma warning restore CA2000

    public static async Task<InspectorBiasReport> BiasAsync(IServiceProvider services, DateOnly? from = null, DateOnly? to = null)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<InspectorBiasService>().ComputeAsync(from, to);
    }

    public static async Task<RoundAgreement?> AgreementAsync(IServiceProvider services, int roundId)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RoundAgreementService>().ComputeAsync(roundId);
    }

    /// <summary>Every report the analytics and dashboards produce over the demo data, as JSON (ids are the same on a fresh database).</summary>
    public static async Task<string> EverythingAsync(IServiceProvider services, JsonSerializerOptions json)
    {
        using var scope = services.CreateScope();
        var dashboards = scope.ServiceProvider.GetRequiredService<DashboardQueries>();
        var db = scope.ServiceProvider.GetRequiredService<ServiceReviewDbContext>();
        var parts = new List<object?>();
        var rounds = await dashboards.RoundsAsync();
        parts.Add(rounds);
        parts.Add(await BiasAsync(services));
        var closed = rounds.Where(r => r.Status == RoundStatus.Closed).OrderBy(r => r.PeriodStart).ToList();
        parts.Add(await BiasAsync(services, closed[1].PeriodStart, closed[^2].PeriodEnd));
        foreach (var round in rounds)
        {
            parts.Add(await AgreementAsync(services, round.Id));
            parts.Add(await dashboards.RoundAsync(round.Id, null, 5));
        }

        foreach (var team in await db.Teams.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync())
        {
            parts.Add(await dashboards.TeamTrendAsync(team, null, null));
        }

        parts.Add(await dashboards.OpenActionsByAgeAsync(null, null));
        return JsonSerializer.Serialize(parts, json);
    }
}
