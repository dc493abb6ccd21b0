using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServiceReview.Web.Startup;

/// <summary>
/// Behind a TLS-terminating reverse proxy (nginx, a load balancer): the client's address, scheme and host come from
/// X-Forwarded-For / -Proto / -Host, but only when the request arrives from a proxy we trust. Loopback is trusted by
/// default; more come from <c>ReverseProxy:KnownProxies</c> (addresses) and <c>ReverseProxy:KnownNetworks</c>
/// (CIDR, e.g. <c>10.0.0.0/24</c>). From any other address the headers are ignored. See docs/operations.md.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // The defaults (127.0.0.0/8 and ::1) stay: a proxy on the same machine needs no setting.
            foreach (var proxy in Values(configuration, "KnownProxies"))
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in Values(configuration, "KnownNetworks"))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR form (10.0.0.0/24)."));
            }

            // Optional: the host names the proxy may forward (X-Forwarded-Host); empty means any.
            foreach (var host in Values(configuration, "AllowedHosts"))
            {
                o.AllowedHosts.Add(host);
            }
        });

        return services;
    }

    /// <summary>Accepts both a JSON array and one comma- or semicolon-separated string (handy in environment variables).</summary>
    internal static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(Section).GetSection(key);
        var items = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return items
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
