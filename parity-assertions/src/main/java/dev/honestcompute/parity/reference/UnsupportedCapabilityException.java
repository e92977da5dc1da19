package dev.honestcompute.parity.reference;

/** The engine cannot answer this kind of question; parity reports it "not supported", never "passed". */
public class UnsupportedCapabilityException extends ReferenceEngineException {

    private static final long serialVersionUID = 1L;

    private final Capability capability;

    public UnsupportedCapabilityException(Capability capability, String why) {
        super(capability + " is not supported: " + why);
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }
}
