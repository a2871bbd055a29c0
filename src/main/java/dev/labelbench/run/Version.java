package dev.labelbench.run;

/** labelbench's version, from the jar manifest (set by Maven); "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
