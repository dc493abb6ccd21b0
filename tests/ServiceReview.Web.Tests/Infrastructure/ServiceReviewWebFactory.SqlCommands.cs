using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceReview.Web.Tests.Infrastructure;

/// <summary>
/// The EF command counter behind the SQL budget tests (issue #15): a request sent through <see cref="SqlCommandsOfAsync"/>
/// carries a header naming it, and every command the app's contexts run while serving that request — however many
/// contexts and however long the body streams — is recorded under that name. Other requests, running at the same time
/// in other tests of the same factory, are not counted.
/// </summary>
public sealed partial class ServiceReviewWebFactory
{
    private static void CountSqlCommands(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SqlCommandCounter>();
        services.AddSingleton<IDbCommandInterceptor>(sp => sp.GetRequiredService<SqlCommandCounter>());
    }

    /// <summary>Sends the request, reads the whole body, and returns the response with the SQL the app ran for it.</summary>
    public async Task<SqlCommandsOfRequest> SqlCommandsOfAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var id = Guid.NewGuid().ToString("N");
        request.Headers.Add(SqlCommandCounter.Header, id);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var commands = Services.GetRequiredService<SqlCommandCounter>().Take(id);
        return new SqlCommandsOfRequest(response, body, commands);
    }

    /// <summary>GET <paramref name="path"/> and count its SQL.</summary>
    public Task<SqlCommandsOfRequest> SqlCommandsOfGetAsync(HttpClient client, string path) =>
        SqlCommandsOfAsync(client, new HttpRequestMessage(HttpMethod.Get, path));
}

/// <summary>A response, its body, and the SQL commands the app ran to produce it (their texts, in order).</summary>
public sealed record SqlCommandsOfRequest(HttpResponseMessage Response, byte[] Body, IReadOnlyList<string> Commands)
{
    public int Count => Commands.Count;

    /// <summary>For an assertion message: the commands, numbered, shortened.</summary>
    public string Listing() => string.Join(Environment.NewLine, Commands.Select((c, i) =>
        $"{i + 1}. {(c.Length > 300 ? c[..300] + " …" : c)}"));
}

/// <summary>Counts the commands of requests that carry <see cref="Header"/> (see the factory's SqlCommandsOfAsync).</summary>
public sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Commands";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byRequest = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Take(string id) =>
        _byRequest.TryRemove(id, out var commands) ? [.. commands] : [];

    private void Record(DbCommand command)
    {
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } id)
        {
            _byRequest.GetOrAdd(id, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
