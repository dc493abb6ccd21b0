using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace ServiceReview.Web.Tests.Email;

/// <summary>A message the test SMTP server accepted: the envelope recipients, the raw bytes and the parsed message.</summary>
public sealed record ReceivedEmail(IReadOnlyList<string> EnvelopeTo, string Raw, MimeMessage Message)
{
    public string Headers => Raw[..Math.Max(0, Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
}

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a free loopback port, capturing every message.
/// It can be stopped and started again on the same port, to play "the server is down".
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CapturingStore _store = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    public TestSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public IReadOnlyCollection<ReceivedEmail> Received => _store.Messages;

    public IReadOnlyList<ReceivedEmail> To(string address) =>
        _store.Messages.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start on port {Port}.");
    }

    private sealed class CapturingStore : MessageStore
    {
        public ConcurrentQueue<ReceivedEmail> Queue { get; } = new();

        public IReadOnlyCollection<ReceivedEmail> Messages => Queue.ToArray();

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            var message = await MimeMessage.LoadAsync(new MemoryStream(bytes), cancellationToken);
            var to = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            Queue.Enqueue(new ReceivedEmail(to, System.Text.Encoding.UTF8.GetString(bytes), message));
            return SmtpResponse.Ok;
        }
    }
}
