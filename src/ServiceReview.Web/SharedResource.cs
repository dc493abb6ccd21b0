namespace ServiceReview.Web;

/// <summary>
/// Marker for the one resource set of the web app: Resources/SharedResource.resx (English, the neutral
/// fallback) and Resources/SharedResource.zh-CN.resx. Views get it as <c>L</c> (see _ViewImports);
/// code asks for <c>IStringLocalizer&lt;SharedResource&gt;</c>. It lives in the root namespace on purpose:
/// with ResourcesPath "Resources" that is what makes the lookup find Resources/SharedResource.*.resx.
/// </summary>
public sealed class SharedResource;
