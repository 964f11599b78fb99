namespace MedLedger.Access.Consent;

/// <summary>Why data is requested: HL7 v3 ActReason (PurposeOfUse) codes we support.</summary>
public enum PurposeOfUse
{
    /// <summary><c>TREAT</c>: treatment.</summary>
    Treatment,

    /// <summary><c>ETREAT</c>: emergency treatment (break-glass); never granted by consent, only by the break-glass rule.</summary>
    EmergencyTreatment,

    /// <summary><c>HPAYMT</c>: healthcare payment (insurers).</summary>
    Payment,

    /// <summary><c>HOPERAT</c>: healthcare operations.</summary>
    Operations,

    /// <summary><c>HRESCH</c>: healthcare research.</summary>
    Research,

    /// <summary><c>PATRQT</c>: requested by the patient (a patient reading their own records); never granted by consent.</summary>
    PatientRequest,
}
