using ServiceReview.Infrastructure;
using ServiceReview.Web.Cli;
using ServiceReview.Web.Features;
using ServiceReview.Web.Startup;

// A first argument that is not an option names a command-line verb (migrate, create-admin, seed-demo):
// it runs against the same configuration and services as the web app, then the process exits.
var command = CliDispatcher.Parse(args);
if (command.IsError)
{
    await Console.Error.WriteLineAsync(command.Error);
    await Console.Error.WriteLineAsync(CliDispatcher.Usage);
    return CliExitCodes.Usage;
}

var builder = WebApplication.CreateBuilder(command.HostArguments);
builder.Configuration.ResolveSqlitePathAgainst(builder.Environment.ContentRootPath);

builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddFeatures(builder.Configuration);
builder.Services.AddWeb();

var app = builder.Build();

if (command.Command is not null)
{
    return await CliDispatcher.RunAsync(command.Command, app.Services, CliConsole.Standard);
}

app.UseWebPipeline();
app.MapWebEndpoints();

await app.InitialiseDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory&lt;Program&gt; can find it.</summary>
public partial class Program;
