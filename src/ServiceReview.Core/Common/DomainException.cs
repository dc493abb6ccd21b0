namespace ServiceReview.Core.Common;

/// <summary>
/// A rule of the domain refused an operation. <see cref="Code"/> is stable and is what the UI translates
/// (zh-CN / en resources, key <c>Error.{Code}</c>); <see cref="Arguments"/> fill its placeholders in order;
/// <see cref="Exception.Message"/> is an English text for logs and API clients.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message, params object?[] arguments)
        : base(message)
    {
        Code = code;
        Arguments = arguments;
    }

    public DomainException()
        : this("Domain.Error", "A domain rule refused the operation.")
    {
    }

    public DomainException(string message)
        : this("Domain.Error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Domain.Error";
        Arguments = [];
    }

    public string Code { get; }

    public IReadOnlyList<object?> Arguments { get; }
}
