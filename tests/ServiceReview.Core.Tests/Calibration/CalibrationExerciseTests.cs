using ServiceReview.Core.Calibration;
using ServiceReview.Core.Common;
using ServiceReview.Core.Plans;
using ServiceReview.Testing.Builders;

namespace ServiceReview.Core.Tests.Calibration;

/// <summary>A calibration exercise: independent scores, one each, revealed by the manager against the reference.</summary>
public class CalibrationExerciseTests
{
    private static readonly PlanVersion Plan = DefaultPlan.CreateVersion();
    private static readonly DateTime Now = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    private static CalibrationExercise NewExercise(bool counts = false) =>
        new("十月校准", teamId: 3, Plan.Id, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), counts, referencePersonId: 1, [2, 3, 4], Now);

    private static void Score(CalibrationExercise exercise, int person, IReadOnlyDictionary<string, ServiceReview.Core.Scoring.IndicatorInput> inputs) =>
        exercise.Submit(person, inputs, Plan, Now);

    [Fact]
    public void The_manager_is_the_reference_and_the_inspectors_each_get_a_slot()
    {
        var exercise = NewExercise();

        Assert.True(exercise.ScoreOf(1)!.IsReference);
        Assert.Equal([2, 3, 4], exercise.Scores.Where(s => !s.IsReference).Select(s => s.PersonId));
        Assert.Equal(CalibrationStatus.Open, exercise.Status);
    }

    [Fact]
    public void Fewer_than_two_inspectors_besides_the_manager_is_refused()
    {
        var ex = Assert.Throws<CalibrationRefusedException>(() =>
            new CalibrationExercise("x", 3, Plan.Id, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), false, 1, [1, 2], Now));

        Assert.Equal(CalibrationRefusal.TooFewInspectors, ex.Reason);
        Assert.Equal("Calibration.TooFewInspectors", ex.Code);
    }

    [Fact]
    public void A_participant_scores_once_and_a_stranger_not_at_all()
    {
        var exercise = NewExercise();
        var inputs = InputsBuilder.WorkedExample().Build();
        Score(exercise, 2, inputs);

        Assert.Equal(73.1m, exercise.ScoreOf(2)!.Total);
        Assert.Equal("Calibration.AlreadyScored", Assert.Throws<CalibrationRefusedException>(() => Score(exercise, 2, inputs)).Code);
        Assert.Equal("Calibration.NotParticipant", Assert.Throws<CalibrationRefusedException>(() => Score(exercise, 9, inputs)).Code);
    }

    [Fact]
    public void An_incomplete_score_is_refused_like_an_inspection()
    {
        var exercise = NewExercise();

        var ex = Assert.Throws<DomainException>(() => Score(exercise, 2, InputsBuilder.WorkedExample().Without("3.1").Build()));

        Assert.Equal("Scoring.Incomplete", ex.Code);
        Assert.Null(exercise.ScoreOf(2)!.SubmittedAt);
    }

    [Fact]
    public void Revealing_needs_the_reference_and_two_inspectors_and_ends_scoring()
    {
        var exercise = NewExercise();
        var inputs = InputsBuilder.WorkedExample().Build();
        Score(exercise, 2, inputs);
        Score(exercise, 3, inputs);
        Assert.Equal("Calibration.ReferenceMissing", Assert.Throws<CalibrationRefusedException>(() => exercise.Reveal(true, Now)).Code);

        Score(exercise, 1, inputs);
        exercise.Reveal(countsTowardBias: true, Now);

        Assert.Equal(CalibrationStatus.Revealed, exercise.Status);
        Assert.True(exercise.CountsTowardBias);
        Assert.Equal("Calibration.AlreadyRevealed", Assert.Throws<CalibrationRefusedException>(() => Score(exercise, 4, inputs)).Code);
        Assert.Equal("Calibration.AlreadyRevealed", Assert.Throws<CalibrationRefusedException>(() => exercise.Reveal(false, Now)).Code);
    }

    [Fact]
    public void The_spread_compares_each_inspector_with_the_reference_per_indicator_and_on_the_total()
    {
        var exercise = NewExercise();
        Score(exercise, 1, InputsBuilder.WorkedExample().Build());                                      // 3.1 优秀 → 10
        Score(exercise, 2, InputsBuilder.WorkedExample().With("3.1", Input.Level("良好")).Build());      // 8
        Score(exercise, 3, InputsBuilder.WorkedExample().With("3.1", Input.Level("一般")).Build());      // 6
        exercise.Reveal(false, Now);

        var rows = CalibrationSpread.Compute(exercise, Plan);

        var communication = rows.Single(r => r.Code == "3.1");
        Assert.Equal(10m, communication.Reference);
        Assert.Equal(6m, communication.Min);
        Assert.Equal(8m, communication.MaxGiven);
        Assert.Equal(2m, communication.Range);
        Assert.Equal(3.0, communication.MeanAbsoluteDifference);
        var total = rows.Single(r => r.Code == "Σ");
        Assert.Equal(73.1m, total.Reference);
        Assert.Equal(0, rows.Single(r => r.Code == "1.1").MeanAbsoluteDifference);
        Assert.Equal(15, rows.Count);
    }
}
