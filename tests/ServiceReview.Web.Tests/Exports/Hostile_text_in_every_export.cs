using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Excel;
using ServiceReview.Web.Features.ServiceRecords.Import;
using ServiceReview.Web.Tests.Infrastructure;
using static ServiceReview.Web.Tests.Admin.AdminTestData;
using F = ServiceReview.Web.Tests.Infrastructure.ServiceReviewWebFactory;

namespace ServiceReview.Web.Tests.Exports;

/// <summary>
/// Issue #12, item 6: formula-like text typed by users — names, notes, dispute reasons, rulings, actions, service
/// records, plan texts — is entered through the app's own forms and endpoints, then every workbook the app can produce is
/// downloaded and every cell scanned: no formula anywhere, and no text cell that starts with = + - @ tab CR or LF
/// without the guard (<see cref="ExcelText"/>).
/// </summary>
[Trait(Needs.Trait, Needs.Migrations)]
public sealed class Hostile_text_in_every_export(ServiceReviewWebFactory factory) : IClassFixture<ServiceReviewWebFactory>
{
    private const string ProjectName = "=HYPERLINK(\"http://evil.example\",\"项目\")";
    private const string Customer = "+1+1 业主委员会";
    private const string TeamName = "-2+3 客服组";
    private const string InspectorName = "@SUM(1+1) 检查员";
    private const string LeadName = "=1+1 组长";
    private const string RoundName = "=1+2 考评";
    private const string Note = "=HYPERLINK(\"http://x\",\"y\")";
    private const string DisputeReason = "+2+3 申诉理由";
    private const string Ruling = "-4+5 裁决";
    private const string ActionText = "@cmd 整改";
    private const string Summary = "=cmd|' /C calc'!A0";
    private const string PlanName = "=方案(1)";
    private const string IndicatorName = "+指标名称";
    private const string LeadPassword = "Hostile-Export-Lead-Passphrase-2026";

    /// <summary>
    /// Every action that answers with a workbook, as Controller.Action. The inventory test below fails when an action
    /// whose name or route says export, template or download is added and not listed here (so not scanned).
    /// </summary>
    private static readonly string[] WorkbookActions =
    [
        "Exports.Inspection", "Exports.Round", "Exports.HistoryDownload", "Dashboards.Export", "Dashboards.TrendsExport",
        "Plans.Export", "Plans.Template", "ServiceRecords.Template", "People.Template",
    ];

    /// <summary>Actions the inventory's name match finds that answer with a page, not a workbook.</summary>
    private static readonly string[] NotWorkbooks = ["Exports.History"];

    [Fact]
    public void Every_action_that_answers_with_a_workbook_is_in_the_scanned_list()
    {
        var found = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<ControllerActionDescriptor>())
            .OfType<ControllerActionDescriptor>()
            .Where(a => new[] { "export", "template", "download" }.Any(word =>
                a.ActionName.Contains(word, StringComparison.OrdinalIgnoreCase)
                || (a.AttributeRouteInfo?.Template ?? "").Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Where(a => a.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>()
                .All(c => c.HttpMethods.Contains("GET")) ?? true)
            .Select(a => a.ControllerName + "." + a.ActionName)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(WorkbookActions.Concat(NotWorkbooks).Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void The_scan_finds_an_unguarded_formula_like_text_cell_and_accepts_a_guarded_one()
    {
        var unguarded = XlsxTemplate.Write([["=1+1", "-1", "plain"]]);
        using var workbook = new XLWorkbook();
        ExcelText.Set(workbook.AddWorksheet("t").Cell(1, 1), "=1+1");
        ExcelText.Number(workbook.Worksheet("t").Cell(1, 2), -2.5m);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        Assert.Equal(["=1+1", "-1"], F.UnguardedFormulaTextIn(unguarded).Select(c => c.Text));
        Assert.Empty(F.UnguardedFormulaTextIn(stream.ToArray()));
        Assert.Equal(["=1+1"], F.TextCellsIn(stream.ToArray()).Select(c => c.Text)); // the negative number is a number cell
    }

    [Fact]
    public async Task Every_workbook_holds_no_formula_and_guards_every_text_that_starts_like_one()
    {
        var (roundId, teamId, projectId, inspectionId, planId) = await HostileDataAsync();
        var manager = await factory.SignedInAsync("manager@demo.local");
        var admin = await factory.SignedInAsync(AdminEmail);

        var workbooks = new Dictionary<string, byte[]>
        {
            ["Exports.Inspection"] = await F.DownloadXlsxAsync(manager, $"/inspections/{Id(inspectionId)}/export"),
            ["Exports.Round"] = await F.DownloadXlsxAsync(manager, $"/rounds/{Id(roundId)}/export"),
            ["Exports.HistoryDownload"] = await F.DownloadXlsxAsync(manager, "/Exports/History/Download?from=2026-10-01&to=2026-10-31"),
            ["Dashboards.Export"] = await F.DownloadXlsxAsync(manager, $"/Dashboards/Export?roundId={Id(roundId)}"),
            ["Dashboards.TrendsExport"] = await F.DownloadXlsxAsync(manager, $"/Dashboards/TrendsExport?projectId={Id(projectId)}&teamId={Id(teamId)}&from=2026-01-01&to=2026-12-31"),
            ["Plans.Export"] = await F.DownloadXlsxAsync(manager, $"/plans/{Id(planId)}/export"),
            ["Plans.Template"] = await F.DownloadXlsxAsync(manager, "/plans/template"),
            ["ServiceRecords.Template"] = await F.DownloadXlsxAsync(manager, "/ServiceRecords/Template"),
            ["People.Template"] = await F.DownloadXlsxAsync(admin, "/People/Template"),
        };

        Assert.Equal(WorkbookActions.Order(StringComparer.Ordinal), workbooks.Keys.Order(StringComparer.Ordinal));
        Assert.All(workbooks, w => Assert.Empty(F.FormulasIn(w.Value)));
        var unguarded = workbooks.SelectMany(w => F.UnguardedFormulaTextIn(w.Value).Select(c => $"{w.Key} {c.Sheet}!{c.Reference}: {c.Text}")).ToList();
        Assert.Empty(unguarded);

        // The payloads did reach the workbooks (the scan above is not vacuous), each where its data is exported.
        var texts = workbooks.ToDictionary(w => w.Key, w => F.TextCellsIn(w.Value).Select(c => c.Text).ToList());
        void Shows(string workbook, params string[] payloads) =>
            Assert.All(payloads, p => Assert.True(texts[workbook].Any(t => t.Contains(p, StringComparison.Ordinal)), $"{workbook} does not show {p}"));
        Shows("Exports.Inspection", TeamName, InspectorName, Note);
        Shows("Exports.Round", ProjectName, TeamName, InspectorName, ActionText);
        Shows("Exports.HistoryDownload", RoundName, ProjectName, TeamName, InspectorName, Note);
        Shows("Dashboards.Export", TeamName);
        Shows("Plans.Export", PlanName, IndicatorName);
        var guardedPayloads = workbooks.SelectMany(w => F.TextCellsIn(w.Value)).Where(c => ExcelText.LooksLikeFormula(c.Text)).ToList();
        Assert.NotEmpty(guardedPayloads);
        Assert.All(guardedPayloads, c => Assert.True(c.Guarded));
    }

    /// <summary>
    /// Enters the hostile texts through the forms and endpoints a user would use: the administrator's project, person
    /// and team forms, the round form, the lead's dispute, the manager's ruling and action, the service-record import
    /// API and the plan import API. The inspector's scoring goes through the domain as the form would (another feature's
    /// tests drive that form).
    /// </summary>
    private async Task<(int RoundId, int TeamId, int ProjectId, int InspectionId, int PlanId)> HostileDataAsync()
    {
        var admin = await factory.SignedInAsync(AdminEmail);
        var manager = await factory.SignedInAsync("manager@demo.local");
        var managerId = await factory.PersonIdAsync("manager@demo.local");

        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(admin, "/Projects/Create", "/Projects/Create",
        [
            new("Name", ProjectName), new("Customer", Customer), new("FirstResponseHours", "2"), new("ResolutionHours", "24"), new("ArchiveHours", "48"),
            new("TimeZoneId", "Asia/Shanghai"), new("ConcurrencyStamp", Guid.Empty.ToString()), new("ManagerIds", Id(managerId)),
        ])).StatusCode);
        var projectId = await factory.WithDbAsync(db => db.Projects.Where(p => p.Name == ProjectName).Select(p => p.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(admin, "/People/Create", "/People/Create",
            Person(InspectorName, "hostile.inspector@example.org", [Roles.Inspector], "TechnicalStaff", 4))).StatusCode);
        var created = await F.PostFormAsync(admin, "/People/Create", "/People/Create", Person(LeadName, "hostile.lead@example.org", []));
        var oneTimePassword = F.OneTimePasswordOf(await F.FollowRedirectAsync(admin, created));
        Assert.NotNull(oneTimePassword);
        var inspectorId = await factory.PersonIdAsync("hostile.inspector@example.org");
        var leadId = await factory.PersonIdAsync("hostile.lead@example.org");

        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(admin, "/Teams/Create", "/Teams/Create",
        [
            new("ProjectId", Id(projectId)), new("Name", TeamName), new("LeadId", Id(leadId)), new("ConcurrencyStamp", Guid.Empty.ToString()),
        ])).StatusCode);
        var teamId = await factory.TeamIdAsync(TeamName);

        // The round: planned and opened by the manager through the round form.
        var plan = await factory.DefaultPlanVersionIdAsync();
        var opens = DateTime.UtcNow.AddHours(8).AddDays(-1);
        var round = await F.PostFormAsync(manager, "/Rounds/Create", "/Rounds/Create",
        [
            new("Name", RoundName), new("PeriodStart", "2026-10-01"), new("PeriodEnd", "2026-10-31"), new("PlanVersionId", Id(plan)),
            new("WindowOpensAt", opens.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("WindowClosesAt", opens.AddDays(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Aggregation", "Mean"), new("Teams[0].TeamId", Id(teamId)), new("Teams[0].Selected", "true"), new("Teams[0].InspectorIds", Id(inspectorId)),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, round.StatusCode);
        var roundId = IdFromLocation(round);
        var roundStamp = await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.ConcurrencyStamp).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect,
            (await F.PostFormAsync(manager, $"/Rounds/Details/{Id(roundId)}", $"/Rounds/Open/{Id(roundId)}", [new("concurrencyStamp", roundStamp.ToString())])).StatusCode);
        var inspectionId = await factory.WithDbAsync(db => db.Inspections.Where(i => i.RoundId == roundId).Select(i => i.Id).SingleAsync());

        // Scored with a formula-like note on every indicator that takes one.
        var inputs = F.Inputs.WorkedExample();
        foreach (var code in inputs.Keys.ToList())
        {
            inputs[code] = inputs[code] with { Note = Note };
        }

        await factory.SubmitAsync(inspectionId, inputs);

        // The lead signs in, disputes with a formula-like reason; the manager rules with one and raises an action.
        var lead = await factory.SignedInWithAsync("hostile.lead@example.org", oneTimePassword!);
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(lead, "/Account/ChangePassword", "/Account/ChangePassword",
            [new("CurrentPassword", oneTimePassword!), new("NewPassword", LeadPassword), new("ConfirmPassword", LeadPassword)])).StatusCode);
        var reviewStamp = F.StampOf(await lead.GetStringAsync($"/Reviews/Review/{Id(inspectionId)}"));
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(lead, $"/Reviews/Review/{Id(inspectionId)}", "/Reviews/Dispute",
            [new("Id", Id(inspectionId)), new("Stamp", reviewStamp), new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Reason", DisputeReason)])).StatusCode);
        var disputeId = await factory.WithDbAsync(db => db.Disputes.Where(d => d.InspectionId == inspectionId).Select(d => d.Id).SingleAsync());
        var arbitrationStamp = F.StampOf(await manager.GetStringAsync($"/Disputes/Arbitrate/{Id(disputeId)}"));
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(manager, "/Disputes", $"/Disputes/Arbitrate/{Id(disputeId)}",
            [new("Id", Id(disputeId)), new("Stamp", arbitrationStamp), new("Items[0].Code", "5.3"), new("Items[0].Outcome", "Upheld"), new("Items[0].Ruling", Ruling)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await F.PostFormAsync(manager, $"/Actions/Create?roundId={Id(roundId)}&teamId={Id(teamId)}", "/Actions/Create",
        [
            new("RoundId", Id(roundId)), new("TeamId", Id(teamId)), new("OwnerId", Id(leadId)), new("DueDate", "2099-12-31"),
            new("Items[0].Code", "5.3"), new("Items[0].Selected", "true"), new("Items[0].Description", ActionText),
        ])).StatusCode);

        // Service records with formula-like customer, summary and handler, through the import API.
        var csv = Encoding.UTF8.GetBytes(string.Join("\r\n",
            "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间",
            $"HOSTILE-1,{Customer},电话,投诉,{Summary},2026-10-08 09:15,2026-10-08 09:40,2026-10-08 15:20,是,@处理人,2026-10-08 16:00,2026-10-09 10:00"));
        var imported = await F.PostImportAsync(manager, teamId, csv, "hostile.csv");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        // A plan whose name and an indicator's name start like formulas, through the plan import API.
        using var planBook = F.OpenWorkbook(await F.DownloadXlsxAsync(manager, $"/plans/{Id(plan)}/export"));
        planBook.Worksheet("方案").Cell(1, 2).SetValue<string>(PlanName);
        var indicators = planBook.Worksheet("指标");
        var nameColumn = indicators.Row(1).CellsUsed().Single(c => c.GetString() == PlanWorkbookFormat.Name.Chinese).Address.ColumnNumber;
        indicators.Cell(2, nameColumn).SetValue<string>(IndicatorName);
        using var planStream = new MemoryStream();
        planBook.SaveAs(planStream);
        var planImport = await UploadPlanAsync(manager, planStream.ToArray());
        Assert.Equal(HttpStatusCode.Created, planImport.StatusCode);
        var planId = JsonDocument.Parse(await planImport.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        return (roundId, teamId, projectId, inspectionId, planId);
    }

    private static async Task<HttpResponseMessage> UploadPlanAsync(HttpClient client, byte[] bytes)
    {
        var token = await F.GetAntiforgeryTokenAsync(client, "/plans/import");
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "hostile-plan.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans/import") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}
