namespace ServiceReview.Web.Features.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>The conversation of a record: writing and correcting comments, and reading it for the page (issue #14).</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services) =>
        services
            .AddScoped<CommentService>()
            .AddScoped<ConversationQueries>();
}
