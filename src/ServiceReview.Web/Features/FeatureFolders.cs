using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace ServiceReview.Web.Features;

/// <summary>
/// Finds a controller's views in its feature folder (ADR 0024): a controller in namespace
/// <c>ServiceReview.Web.Features.Reviews.Disputes</c> renders <c>/Features/Reviews/Disputes/{view}.cshtml</c>; shared
/// layouts and partials live in <c>/Features/Shared</c>.
/// </summary>
public sealed class FeatureFolders : IViewLocationExpander
{
    private const string Key = "feature";
    private const string Prefix = "ServiceReview.Web.Features.";

    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values[Key] = FeatureOf(context.ActionContext.ActionDescriptor);

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(Key, out var feature) && feature is not null)
        {
            yield return "/Features/" + feature + "/{0}.cshtml";
        }

        yield return "/Features/Shared/{0}.cshtml";
        foreach (var location in viewLocations)
        {
            yield return location;
        }
    }

    /// <summary>The feature folder of a controller action, or null for Razor Pages.</summary>
    public static string? FeatureOf(Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action) =>
        action is ControllerActionDescriptor { ControllerTypeInfo.Namespace: { } ns } && ns.StartsWith(Prefix, StringComparison.Ordinal)
            ? ns[Prefix.Length..].Replace('.', '/')
            : null;
}
