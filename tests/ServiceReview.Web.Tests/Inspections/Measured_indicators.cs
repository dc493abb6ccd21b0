using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.ServiceRecords;
using ServiceReview.Web.Tests.Infrastructure;

namespace ServiceReview.Web.Tests.Inspections;

[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Measured_indicators(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    [Fact]
    public async Task Opening_the_form_stores_the_figures_once_prefills_them_and_an_override_needs_a_note()
    {
        var id = await factory.TakeOpenInspectionAsync("inspector1@demo.local");
        var figures = new CountingFigures();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IMeasuredFigures>(figures)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await ServiceReviewWebFactory.SignInAsync(client, "inspector1@demo.local", ServiceReviewWebFactory.DemoPassword);

        var html = await client.GetStringAsync($"/Inspections/Fill/{id}");
        await client.GetStringAsync($"/Inspections/Fill/{id}");

        Assert.Equal(1, figures.Calls);
        Assert.Contains(Texts.Zh("Inspections.Fill.MeasuredFigure"), html, StringComparison.Ordinal);
        Assert.Contains("name=\"Items[0].Value\" value=\"96.3\"", html, StringComparison.Ordinal);
        Assert.Contains("(231 / 240)", html, StringComparison.Ordinal);
        Assert.Matches("name=\"Items\\[4\\].Na\" value=\"true\" checked=\"checked\"", html);
        Assert.Contains(">无服务记录</textarea>", html, StringComparison.Ordinal);
        var entry = await factory.WithDbAsync(async db => (await db.Inspections.Include(i => i.Entries).FirstAsync(i => i.Id == id)).Entries.Single(e => e.IndicatorCode == "1.1"));
        Assert.Equal(96.3m, entry.MeasuredValue);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EntityId == id.ToString() && a.Action == "MeasuredFiguresSet")));

        // The worked example types 96.0 for 1.1: an override of 96.3 without a reason is refused.
        var response = await client.PostAsync($"/Inspections/Fill/{id}", FormFields.WorkedExample().Set("1.1", "Note", "")
            .Content(ServiceReviewWebFactory.FormTokenOf(html), ServiceReviewWebFactory.StampOf(html), "submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(Texts.Zh("Inspections.Fill.SummaryLine", "1.1", "服务记录完整率", "此结果必须填写检查记录或依据。"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class CountingFigures : IMeasuredFigures
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>> ComputeAsync(int teamId, DateOnly periodStart, DateOnly periodEnd, DateTime asOfUtc, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<IReadOnlyDictionary<MeasuredMetric, MeasuredFigure>>(new Dictionary<MeasuredMetric, MeasuredFigure>
            {
                [MeasuredMetric.Complete] = new(96.3m, 231, 240),
                [MeasuredMetric.LateArchives] = new(2m, 2, 240),
                [MeasuredMetric.ResolvedOnTime] = new(null, 0, 0),
            });
        }
    }
}
