using System.Net;

namespace ServiceReview.Web.Tests.Instances;

/// <summary>
/// One browser in front of several app instances with no sticky sessions: each request names the instance it goes to,
/// and the cookies every instance set travel with every request, as they would through a round-robin proxy.
/// </summary>
public sealed class RoundRobinBrowser(params HttpClient[] instances)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<HttpResponseMessage> SendAsync(int instance, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await instances[instance].SendAsync(request);
        Remember(response);
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(int instance, string path) =>
        SendAsync(instance, new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<string> GetStringAsync(int instance, string path)
    {
        using var response = await GetAsync(instance, path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} on instance {instance}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> PostAsync(int instance, string path, HttpContent content) =>
        SendAsync(instance, new HttpRequestMessage(HttpMethod.Post, path) { Content = content });

    public bool HasCookie(Func<string, bool> name)
    {
        lock (_cookies)
        {
            return _cookies.Keys.Any(name);
        }
    }

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return;
        }

        lock (_cookies)
        {
            foreach (var header in headers)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (value.Length == 0 || expired)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }
    }
}
