package org.countersign.benchmark;

/** The change every system makes: a model on the published source. */
final class Models {

    private Models() {
    }

    /** The draft's content as Countersign stores it. */
    static String content(String name, String sourceId) {
        return "{\"name\":\"" + name + "\",\"labels\":{},\"owners\":[],\"config\":{\"sourceId\":\"" + sourceId
                + "\",\"query\":\"select id, email from users\",\"primaryKey\":\"id\"}}";
    }
}
