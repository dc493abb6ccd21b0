using ServiceReview.Core.Common;

namespace ServiceReview.Core.Calibration;

/// <summary>Why a calibration exercise refused an operation.</summary>
public enum CalibrationRefusal
{
    NameRequired,
    PeriodReversed,
    TooFewInspectors,
    NotParticipant,
    AlreadyRevealed,
    AlreadyScored,
    ReferenceMissing,
    TooFewScores,
    NoPerson,
    UnknownTeam,
    UnknownPlan,
}

/// <summary>
/// A calibration rule refused an operation. The code is <c>Calibration.{Reason}</c>; the web layer translates it with
/// the feature's own keys (<c>Calibration.Refusal.{Reason}</c>), because the <c>Error.*</c> keys belong to the
/// translations of the core domain (see docs/decisions/0007).
/// </summary>
public sealed class CalibrationRefusedException : DomainException
{
    public CalibrationRefusedException(CalibrationRefusal reason, string message)
        : base("Calibration." + reason, message) => Reason = reason;

    public CalibrationRefusedException()
        : this(CalibrationRefusal.NotParticipant, "Refused.")
    {
    }

    public CalibrationRefusedException(string message)
        : this(CalibrationRefusal.NotParticipant, message)
    {
    }

    public CalibrationRefusedException(string message, Exception innerException)
        : base(message, innerException) => Reason = CalibrationRefusal.NotParticipant;

    public CalibrationRefusal Reason { get; }
}
