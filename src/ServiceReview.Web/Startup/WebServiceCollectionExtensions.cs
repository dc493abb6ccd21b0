using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using ServiceReview.Infrastructure.Identity;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features;
using ServiceReview.Web.Localisation;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Startup;

public static class WebServiceCollectionExtensions
{
    /// <summary>Antiforgery header that same-origin JavaScript sends with every POST/PUT/DELETE under /api.</summary>
    public const string AntiforgeryHeaderName = "RequestVerificationToken";

    /// <summary>Identity, authorization, MVC with localisation and global antiforgery, health checks.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddServiceReviewIdentity();
        services.AddAuthorizationBuilder().AddServiceReviewPolicies();

        services.AddLocalization(o => o.ResourcesPath = "Resources");

        // Razor would otherwise write every Chinese character as an HTML entity (&#x767B;...).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(Cultures.Configure);
        services.AddSingleton<DomainErrorLocalizer>();
        services.AddSingleton<Features.Inspections.InputErrorMessages>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAntiforgery(o => o.HeaderName = AntiforgeryHeaderName);

        services
            .AddControllersWithViews(o =>
            {
                // Every unsafe MVC request must carry the token; Razor Pages validate by default.
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new RequestBodyLimitFilter());
                o.Filters.Add(new MustChangePasswordFilter());
                o.ModelMetadataDetailsProviders.Add(new RequiredMessageMetadataProvider());
            })
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureFolders()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(LocaliseModelBindingMessages);

        services.AddRazorPages(o => o.Conventions.Add(new IdentityPagesAllowList()));


        services.AddProblemDetails();
        services.AddReverseProxySupport().AddSecurityHeaders().AddProductionCookies().AddMalformedRequestHandling();
        services.AddHealthChecks().AddDbContextCheck<ServiceReviewDbContext>();

        return services;
    }

    private static IServiceCollection AddServiceReviewIdentity(this IServiceCollection services)
    {
        services
            .AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                // OWASP ASVS 5.0 §6.2: length, no composition rules; common passwords and the e-mail's local part are
                // refused by PasswordPolicyValidator (which also caps the length at 128).
                o.Password.RequiredLength = PasswordPolicyValidator.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;

                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.SignIn.RequireConfirmedEmail = false;
            })
            .AddEntityFrameworkStores<ServiceReviewDbContext>()
            .AddDefaultTokenProviders()
            .AddDefaultUI()
            .AddPasswordValidator<PasswordPolicyValidator>();

        // AddSignInManager<T>() only adds a registration after AddIdentity's own, which still wins in .NET 10:
        // replace it, so that every SignInManager<ApplicationUser> applies the rules of ServiceReviewSignInManager.
        services.AddScoped<ServiceReviewSignInManager>();
        services.Replace(ServiceDescriptor.Scoped<SignInManager<ApplicationUser>>(sp => sp.GetRequiredService<ServiceReviewSignInManager>()));

        // Every minute the cookie's roles are read again and a disabled account is refused (see ServiceReviewSignInManager);
        // the refreshed cookie keeps its session.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.TimeProvider = clock;
            o.OnRefreshingPrincipal = SessionCookieEvents.KeepSessionOnRefreshAsync;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Identity/Account/Login";
            o.LogoutPath = "/Identity/Account/Logout";
            o.AccessDeniedPath = "/Identity/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ApiAwareCookieEvents.RedirectToLoginAsync;
            o.Events.OnRedirectToAccessDenied = ApiAwareCookieEvents.RedirectToAccessDeniedAsync;
            o.Events.OnValidatePrincipal = SessionCookieEvents.ValidatePrincipalAsync;
        });

        // The cookie lasts as long as a session may (the server decides before: idle timeout, revocation), on the app's clock.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<UserSessionOptions>, TimeProvider>((o, sessions, clock) =>
            {
                o.ExpireTimeSpan = sessions.Value.AbsoluteLifetime;
                o.TimeProvider = clock;
            });

        return services;
    }

    private static void LocaliseModelBindingMessages(MvcOptions options, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => l["Validation.ValueIsInvalid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => l["Validation.AttemptedValueIsInvalid", v, f]);
        m.SetValueMustNotBeNullAccessor(v => l["Validation.ValueMustNotBeNull", v]);
        m.SetMissingBindRequiredValueAccessor(f => l["Validation.MissingBindRequiredValue", f]);
        m.SetValueMustBeANumberAccessor(f => l["Validation.ValueMustBeANumber", f]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.NonPropertyValueMustBeANumber"]);
        m.SetUnknownValueIsInvalidAccessor(f => l["Validation.UnknownValueIsInvalid", f]);
    }
}
