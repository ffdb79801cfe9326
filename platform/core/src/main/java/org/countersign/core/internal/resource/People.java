package org.countersign.core.internal.resource;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.countersign.api.identity.Person;
import org.countersign.api.storage.Tx;

/**
 * Names the users that views mention, so readers see who someone is rather than a bare id: members may see
 * fellow members. A whole page of views is named with one query.
 */
public final class People {

    private People() {
    }

    /** Each view with the people it mentions. */
    public static <T> List<T> name(Tx tx, List<T> views, Function<T, Collection<String>> mentioned,
            BiFunction<T, Map<String, Person>, T> withPeople) {
        Set<String> ids = new HashSet<>();
        views.forEach(view -> ids.addAll(mentioned.apply(view)));
        Map<String, Person> known = new HashMap<>();
        tx.users().byIds(ids).forEach(user -> known.put(user.id(), Person.of(user)));
        return views.stream().map(view -> {
            Map<String, Person> people = new LinkedHashMap<>();
            for (String id : mentioned.apply(view)) {
                Person person = known.get(id);
                if (person != null) {
                    people.put(id, person);
                }
            }
            return withPeople.apply(view, people);
        }).toList();
    }
}
