using ServiceReview.Core.Common;

namespace ServiceReview.Core.Tests.Common;

public sealed class One_outcome_per_use_case
{
    [Fact]
    public async Task A_rule_that_refuses_becomes_an_invalid_outcome_with_its_code_and_arguments()
    {
        var outcome = await Outcome.Of(() => throw new DomainException("Round.Closed", "Round {0} is closed.", 7));

        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("", error.Field);
        Assert.Equal("Error.Round.Closed", error.Key);
        Assert.Equal("Round.Closed", error.DomainCode);
        Assert.Equal([7], error.Arguments);
    }

    [Fact]
    public async Task A_stale_stamp_becomes_a_conflict_that_names_who_and_when()
    {
        var at = new DateTime(2026, 12, 4, 8, 30, 0, DateTimeKind.Utc);

        var outcome = await Outcome.Of<int>(() => throw new ConcurrencyConflictException("Manager A", at));

        Assert.Equal(OutcomeStatus.Conflict, outcome.Status);
        Assert.Equal("Manager A", outcome.ChangedBy);
        Assert.Equal(at, outcome.ChangedAtUtc);
        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task A_change_that_succeeds_passes_its_value_through()
    {
        var outcome = await Outcome.Of(() => Task.FromResult(Outcome.Ok(42)));

        Assert.True(outcome.IsOk);
        Assert.Equal(42, outcome.Value);
    }

    [Fact]
    public void A_failure_keeps_its_status_when_it_takes_a_value_type_and_has_no_value()
    {
        Outcome<string> notFound = Outcome.NotFound();
        Outcome<string> forbidden = Outcome.Forbidden();

        Assert.Equal(OutcomeStatus.NotFound, notFound.Status);
        Assert.Equal(OutcomeStatus.Forbidden, forbidden.Status);
        Assert.Throws<InvalidOperationException>(() => notFound.Value);
        Assert.Equal(OutcomeStatus.Forbidden, forbidden.WithoutValue().Status);
    }

    [Fact]
    public void An_ok_without_a_value_cannot_pretend_to_carry_one_and_an_invalid_outcome_names_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => { Outcome<int> _ = Outcome.Ok(); });
        Assert.Throws<ArgumentException>(() => Outcome.Invalid([]));
        var invalid = Outcome.Invalid("Name", "Admin.People.NameRequired");
        Assert.Equal("Name", Assert.Single(invalid.Errors).Field);
    }

    [Fact]
    public async Task Other_exceptions_are_not_outcomes_and_pass_through()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Outcome.Of(() => throw new InvalidOperationException("bug")));
    }
}
