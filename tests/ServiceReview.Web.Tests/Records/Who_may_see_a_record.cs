using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Tests.Infrastructure;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Records;

/// <summary>
/// The record page and its JSON answer the same people (issue #14, ADR 0026): the inspector (own, any status), the
/// team's lead once submitted, managers and administrators; everyone else gets 404, as if the record did not exist.
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Who_may_see_a_record(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string Mine = "inspector1@demo.local";
    private const string Colleague = "inspector2@demo.local";

    public static TheoryData<string> Addresses => new() { "/inspections/{0}", "/api/inspections/{0}" };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Before_submission_only_the_inspector_and_the_managers_see_it(string address)
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Mine, Colleague] });
        var id = round[F.Lead1Team, Mine];

        await ExpectAsync(address, id, new()
        {
            [Mine] = HttpStatusCode.OK,
            [Colleague] = HttpStatusCode.NotFound,
            ["lead1@demo.local"] = HttpStatusCode.NotFound,
            ["lead2@demo.local"] = HttpStatusCode.NotFound,
            ["manager@demo.local"] = HttpStatusCode.OK,
            ["admin@demo.local"] = HttpStatusCode.OK,
        });
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task After_submission_the_teams_lead_sees_it_and_colleagues_still_do_not_even_after_the_result(string address)
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Mine, Colleague] });
        var id = round[F.Lead1Team, Mine];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());

        var expected = new Dictionary<string, HttpStatusCode>
        {
            [Mine] = HttpStatusCode.OK,
            [Colleague] = HttpStatusCode.NotFound,
            ["lead1@demo.local"] = HttpStatusCode.OK,
            ["lead2@demo.local"] = HttpStatusCode.NotFound,
            ["manager@demo.local"] = HttpStatusCode.OK,
            ["admin@demo.local"] = HttpStatusCode.OK,
        };
        await ExpectAsync(address, id, expected);

        // The result is out: both confirmed, the colleague has handed in their own. Still not theirs to see.
        await factory.SubmitAsync(round[F.Lead1Team, Colleague], F.Inputs.Perfect(), confirm: true);
        await factory.WithDbAsync(async db =>
        {
            var inspection = await db.Inspections.FirstAsync(i => i.Id == id);
            inspection.Confirm(DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        await ExpectAsync(address, id, expected);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task A_record_that_does_not_exist_is_not_found_even_for_a_manager(string address)
    {
        await factory.EnsureDemoDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, address, 987654))).StatusCode);
    }

    [Fact]
    public async Task The_old_inspector_page_leads_everyone_to_the_record_page_which_decides()
    {
        var round = await factory.CreateOpenRoundAsync(AggregationMethod.Mean, new Dictionary<string, string[]> { [F.Lead1Team] = [Mine, Colleague] });
        var id = round[F.Lead1Team, Mine];
        await factory.SubmitAsync(id, F.Inputs.WorkedExample());

        foreach (var (email, status) in new[] { (Mine, HttpStatusCode.OK), (Colleague, HttpStatusCode.NotFound), ("manager@demo.local", HttpStatusCode.OK) })
        {
            var client = await factory.SignedInAsync(email);
            var old = await client.GetAsync($"/Inspections/Details/{id}");
            Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
            Assert.Equal($"/inspections/{id}", old.Headers.Location!.ToString());
            Assert.Equal(status, (await F.GetFollowingAsync(client, $"/Inspections/Details/{id}")).StatusCode);
        }
    }

    private async Task ExpectAsync(string address, int id, Dictionary<string, HttpStatusCode> expected)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, id);
        foreach (var (email, status) in expected)
        {
            var client = await factory.SignedInAsync(email);
            var response = await client.GetAsync(url);
            Assert.True(status == response.StatusCode, $"{email} GET {url}: {(int)response.StatusCode}, expected {(int)status}");
        }
    }
}
