package dev.runway.provisioning.domain;

import dev.runway.common.catalog.EntityRef;

/** The component a request serves: a Backstage entity ref of kind Component, the kind being the default. */
public final class ComponentRef {
    /** {@code [component:][namespace/]name}, namespace and name as Backstage allows them. */
    public static final String COMPONENT_REF = "^([Cc]omponent:)?([a-z0-9]+(-[a-z0-9]+)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
    private static final String KIND = "component";

    private ComponentRef() {
    }

    /** The ref of a value that matched {@link #COMPONENT_REF}, kind and namespace filled in; null for null. */
    public static EntityRef parse(String ref) {
        return ref == null ? null : EntityRef.parse(ref, KIND, EntityRef.DEFAULT_NAMESPACE);
    }
}
