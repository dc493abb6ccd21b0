using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceReview.Core.Audit;
using ServiceReview.Core.Common;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Notifications;
using ServiceReview.Core.Security;
using ServiceReview.Infrastructure.Tests.Fixtures;
using ServiceReview.Web.Features.Conversation;

namespace ServiceReview.Infrastructure.Tests.Conversation;

/// <summary>
/// The conversation's use cases and query on every provider a test machine can start: a comment with a file saved in
/// one transaction inside the execution strategy, who is told (a union of role queries), the conversation read back,
/// and a correction with its concurrency stamp.
/// </summary>
public abstract class ConversationContractTests(ProviderDatabase database) : ProviderContractTests(database)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task A_managers_comment_with_a_photo_is_stored_told_to_the_inspector_and_lead_read_back_and_corrected()
    {
        await GivenMigratedDatabaseAsync(Seed.DemoData);
        var (record, inspectorId, leadId, teamId) = await SubmittedRecordWithLeadAsync();
        var managerId = await PersonAsync("manager@demo.local");
        var manager = new Actor("m", "manager", managerId) { Roles = new HashSet<string> { Roles.Manager } };

        var added = await WithAsync<CommentService, Outcome<int>>(s =>
            s.AddAsync(manager, record, "2.3", "请补充依据", [File("现场.png", Png)]));

        Assert.True(added.IsOk, string.Join(", ", added.Errors.Select(e => e.Key)));
        await using (var db = NewContext())
        {
            var comment = await db.Comments.AsNoTracking().SingleAsync(c => c.Id == added.Value);
            Assert.Equal((record, "2.3", managerId), (comment.InspectionId, comment.IndicatorCode, comment.AuthorId));
            Assert.Equal(1, await db.Attachments.CountAsync(a => a.CommentId == added.Value));
            var told = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.Commented && n.SubjectId == record)
                .Select(n => n.RecipientId).OrderBy(r => r).ToListAsync();
            Assert.Equal(new[] { inspectorId, leadId }.Order(), told);
        }

        var lead = new Actor("l", "lead", leadId) { Roles = new HashSet<string> { Roles.TeamLead }, LedTeamIds = new HashSet<int> { teamId } };
        var view = await WithAsync<ConversationQueries, Outcome<ConversationView>>(q => q.LoadAsync(lead, record));
        var shown = Assert.Single(view.Value.Comments);
        Assert.Equal(("请补充依据", "2.3"), (shown.Text, shown.IndicatorCode));
        Assert.NotNull(shown.IndicatorName);
        Assert.True(Assert.Single(shown.Attachments).IsImage);
        Assert.Empty(view.Value.EditableCommentIds);
        Assert.True(view.Value.MayComment);

        var edited = await WithAsync<CommentService, Outcome>(s => s.EditAsync(manager, record, added.Value, "请补充回访依据", shown.Stamp));
        Assert.True(edited.IsOk);
        var stale = await WithAsync<CommentService, Outcome>(s => s.EditAsync(manager, record, added.Value, "再改一次", shown.Stamp));
        Assert.Equal(OutcomeStatus.Conflict, stale.Status);

        // The manager has taken part now: the lead's answer tells them and the inspector, not the lead.
        var answered = await WithAsync<CommentService, Outcome<int>>(s => s.AddAsync(lead, record, null, "已补充", []));
        Assert.True(answered.IsOk);
        await using (var db = NewContext())
        {
            var told = await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.Commented && n.Link.EndsWith("#comment-" + answered.Value))
                .Select(n => n.RecipientId).OrderBy(r => r).ToListAsync();
            Assert.Equal(new[] { inspectorId, managerId }.Order(), told);
        }
    }

    private async Task<(int Record, int Inspector, int Lead, int Team)> SubmittedRecordWithLeadAsync()
    {
        await using var db = NewContext();
        var found = await (from i in db.Inspections.AsNoTracking()
                           join t in db.Teams on i.TeamId equals t.Id
                           where t.LeadId != null && (i.Status == InspectionStatus.Submitted || i.Status == InspectionStatus.Confirmed)
                           where !db.Disputes.Any(d => d.InspectionId == i.Id)
                           orderby i.Id
                           select new { i.Id, i.InspectorId, Lead = t.LeadId!.Value, Team = t.Id }).FirstAsync();
        return (found.Id, found.InspectorId, found.Lead, found.Team);
    }

    private async Task<int> PersonAsync(string email)
    {
        await using var db = NewContext();
        return await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
    }

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static FormFile File(string name, byte[] content) =>
        new(new MemoryStream(content), 0, content.Length, "file", name);
}

/// <summary>The contract on SQLite, the embedded default.</summary>
public sealed class SqliteConversationTests() : ConversationContractTests(ProviderDatabase.Sqlite());

/// <summary>The contract on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConversationTests(PostgreSqlServer server)
    : ConversationContractTests(ProviderDatabase.PostgreSql(server, "conversation"));
