namespace ServiceReview.Core.Analytics;

/// <summary>How to read an agreement coefficient, in four steps shared by ICC and alpha.</summary>
public enum AgreementReading
{
    Poor,
    Moderate,
    Good,
    Excellent,
}

/// <summary>
/// The readings (docs/accuracy.md). ICC after Koo &amp; Li (2016): &lt; 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good,
/// ≥ 0.9 excellent. Alpha after Krippendorff (2004): &lt; 0.667 poor (do not rely on it), 0.667–0.8 moderate (tentative
/// conclusions only), ≥ 0.8 good; we add ≥ 0.9 excellent so that both coefficients read on the same four steps.
/// </summary>
public static class AgreementReadings
{
    public static AgreementReading? ForIcc(double? icc) => icc switch
    {
        null => null,
        < 0.5 => AgreementReading.Poor,
        < 0.75 => AgreementReading.Moderate,
        < 0.9 => AgreementReading.Good,
        _ => AgreementReading.Excellent,
    };

    public static AgreementReading? ForAlpha(double? alpha) => alpha switch
    {
        null => null,
        < 0.667 => AgreementReading.Poor,
        < 0.8 => AgreementReading.Moderate,
        < 0.9 => AgreementReading.Good,
        _ => AgreementReading.Excellent,
    };
}
