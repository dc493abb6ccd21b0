using ServiceReview.Web.Features.Account;
using ServiceReview.Web.Features.Administration;
using ServiceReview.Web.Features.Analytics;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Conversation;
using ServiceReview.Web.Features.Exports;
using ServiceReview.Web.Features.Feedback;
using ServiceReview.Web.Features.Home;
using ServiceReview.Web.Features.Inspections;
using ServiceReview.Web.Features.Notifications;
using ServiceReview.Web.Features.Plans;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews;
using ServiceReview.Web.Features.Reviews.Disputes;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Features.ServiceRecords;

namespace ServiceReview.Web.Features;

/// <summary>Every feature's use cases (ADR 0024): each feature folder registers its own with one <c>AddX</c> extension.</summary>
public static class FeatureServices
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddPlans()
            .AddRounds()
            .AddRoundAutoClose()
            .AddInspections()
            .AddAttachmentFiles()
            .AddConversation()
            .AddReviews()
            .AddDisputes()
            .AddResults()
            .AddFeedback()
            .AddHome()
            .AddNotifications()
            .AddNotificationReminders()
            .AddEmailDispatch()
            .AddServiceRecords(configuration)
            .AddExports()
            .AddAnalytics(configuration)
            .AddAdministration()
            .AddAccount();
}
