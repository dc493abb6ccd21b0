using ServiceReview.Core.Common;
using ServiceReview.Core.Organisation;

namespace ServiceReview.Core.Tests.Organisation;

public sealed class Renaming_a_person
{
    [Fact]
    public void A_person_takes_the_new_name_and_email_trimmed()
    {
        var person = new Person("张三", "zhang@example.org");

        person.Rename("  张三丰 ", " feng@example.org ");

        Assert.Equal("张三丰", person.DisplayName);
        Assert.Equal("feng@example.org", person.Email);
    }

    [Fact]
    public void A_blank_name_is_refused_and_the_old_one_is_kept()
    {
        var person = new Person("张三", "zhang@example.org");

        var ex = Assert.Throws<DomainException>(() => person.Rename(" ", "x@example.org"));

        Assert.Equal("Person.NameRequired", ex.Code);
        Assert.Equal("张三", person.DisplayName);
        Assert.Equal("zhang@example.org", person.Email);
    }
}
