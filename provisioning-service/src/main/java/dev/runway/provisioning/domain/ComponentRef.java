package dev.runway.provisioning.domain;

/** The component a request serves: a Backstage entity ref of kind Component. */
public final class ComponentRef {
    /** {@code [component:][namespace/]name}, namespace and name as Backstage allows them. */
    public static final String COMPONENT_REF = "^([Cc]omponent:)?([a-z0-9]+(-[a-z0-9]+)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    private ComponentRef() {
    }

    /** The full ref {@code component:<namespace>/<name>} of a value that matched {@link #COMPONENT_REF}. */
    public static String normalize(String ref) {
        if (ref == null) {
            return null;
        }
        String rest = ref.contains(":") ? ref.substring(ref.indexOf(':') + 1) : ref;
        return "component:" + (rest.contains("/") ? rest : "default/" + rest);
    }
}
