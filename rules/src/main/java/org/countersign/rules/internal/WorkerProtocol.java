package org.countersign.rules.internal;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleProblem;

/** What the engine and its worker process say to each other over the worker's stdin and stdout. */
final class WorkerProtocol {

    /** Only these classes may arrive from the other side; anything else is refused before it is built. */
    static final ObjectInputFilter FILTER = info -> {
        Class<?> type = info.serialClass();
        if (info.depth() > 32 || info.arrayLength() > 100_000) {
            return ObjectInputFilter.Status.REJECTED;
        }
        while (type != null && type.isArray()) {
            type = type.getComponentType();
        }
        if (type == null || type.isPrimitive()) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        String name = type.getName();
        boolean allowed = name.startsWith(WorkerProtocol.class.getName() + "$") || name.startsWith("java.util.")
                || name.equals("java.lang.String") || name.equals("java.lang.Number") || name.equals("java.lang.Integer")
                || name.equals("java.lang.Long") || name.equals("java.lang.Double") || name.equals("java.lang.Boolean")
                || name.equals("java.lang.Object");
        return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };

    private WorkerProtocol() {
    }

    /** {@code source} to check, or to evaluate against the facts when {@code evaluate}. */
    record Request(boolean evaluate, String source, HashMap<String, Object> change, HashMap<String, Object> resource,
            HashMap<String, Object> actor, ArrayList<String> paths, long epochSecond, String zone,
            HashMap<String, Object> workspace) implements Serializable {

        static Request check(String source) {
            return new Request(false, source, null, null, null, null, 0, null, null);
        }

        static Request evaluate(String source, RuleContext c) {
            return new Request(true, source, copy(c.change()), copy(c.resource()), copy(c.actor()),
                    new ArrayList<>(c.changedPaths()), c.now().toEpochSecond(), c.now().getZone().getId(),
                    copy(c.workspace()));
        }

        RuleContext context() {
            return new RuleContext(change, resource, actor, paths,
                    ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneId.of(zone)), workspace);
        }
    }

    /** A check's problems, or an evaluation's decision. */
    record Response(ArrayList<Problem> problems, Decision decision) implements Serializable {
    }

    record Problem(int line, int column, String message) implements Serializable {

        static ArrayList<Problem> of(List<RuleProblem> problems) {
            ArrayList<Problem> list = new ArrayList<>();
            problems.forEach(p -> list.add(new Problem(p.line(), p.column(), p.message())));
            return list;
        }

        RuleProblem toProblem() {
            return new RuleProblem(line, column, message);
        }
    }

    record Requirement(String rule, int approvals, String group, ArrayList<String> members) implements Serializable {
    }

    record Decision(boolean requireApproval, ArrayList<Requirement> requirements, boolean forbidSelfApproval,
            boolean forbidContributorApproval, ArrayList<String> blocks, ArrayList<String> reviewerEmails,
            boolean applyManually, ArrayList<String> matchedRules) implements Serializable {

        static Decision of(RuleDecision d) {
            ArrayList<Requirement> requirements = new ArrayList<>();
            d.requirements().forEach(r -> requirements.add(new Requirement(r.rule(), r.approvals(), r.group(),
                    new ArrayList<>(r.members()))));
            return new Decision(d.requireApproval(), requirements, d.forbidSelfApproval(), d.forbidContributorApproval(),
                    new ArrayList<>(d.blocks()), new ArrayList<>(d.reviewerEmails()), d.applyManually(),
                    new ArrayList<>(d.matchedRules()));
        }

        RuleDecision toDecision() {
            return new RuleDecision(requireApproval, requirements.stream()
                    .map(r -> new RuleDecision.Requirement(r.rule(), r.approvals(), r.group(), List.copyOf(r.members())))
                    .toList(), forbidSelfApproval, forbidContributorApproval, List.copyOf(blocks),
                    List.copyOf(reviewerEmails), applyManually, List.copyOf(matchedRules));
        }
    }

    /** A serialisable deep copy of a JSON-like tree. */
    @SuppressWarnings("unchecked")
    static HashMap<String, Object> copy(Map<String, Object> map) {
        HashMap<String, Object> copy = new HashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, copyValue(v)));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            ArrayList<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copyValue(v)));
            return copy;
        }
        return value;
    }
}
