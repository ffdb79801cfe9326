package org.countersign.rules.internal;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleDecision;

/**
 * The body of one {@code rule}: its condition and what it requires. Calls record outcomes; they count only
 * when the rule's {@code when} holds (or it has none).
 */
public final class RuleSpec {

    private final String name;
    private Closure<?> condition;
    final List<RuleDecision.Requirement> requirements = new ArrayList<>();
    final List<String> blocks = new ArrayList<>();
    final List<String> reviewerEmails = new ArrayList<>();
    boolean requireApproval;
    boolean forbidSelfApproval;
    boolean forbidContributorApproval;
    boolean applyManually;

    RuleSpec(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** True when the rule applies: no condition, or the condition is Groovy-true. */
    boolean matches() {
        if (condition == null) {
            return true;
        }
        Object value = condition.call();
        return value instanceof Boolean b ? b : value != null;
    }

    public void when(Closure<?> condition) {
        this.condition = condition;
    }

    public void requireApproval() {
        requireApproval = true;
    }

    /** {@code approvals n}: n approvals from anyone with approve permission. */
    public void approvals(int count) {
        approvals(Map.of(), count);
    }

    /** {@code approvals n, from: group}. */
    public void approvals(Map<String, Object> options, int count) {
        if (count < 1 || count > 20) {
            throw new IllegalArgumentException("approvals must be between 1 and 20, not " + count);
        }
        Object from = options.get("from");
        Group group = from instanceof Group g ? g : new Group("anyone", List.of());
        requirements.add(new RuleDecision.Requirement(name, count, group.kind(), group.members()));
    }

    public Group role(String... roles) {
        return new Group("role", List.of(roles));
    }

    public Group users(String... emails) {
        return new Group("users", List.of(emails));
    }

    public Group owners() {
        return new Group("owners", List.of());
    }

    public Group anyone() {
        return new Group("anyone", List.of());
    }

    public void forbidSelfApproval() {
        forbidSelfApproval = true;
    }

    public void forbidContributorApproval() {
        forbidContributorApproval = true;
    }

    public void block(String reason) {
        blocks.add(reason);
    }

    public void reviewers(Group group) {
        if (!"users".equals(group.kind())) {
            throw new IllegalArgumentException("reviewers takes users('email', ...)");
        }
        reviewerEmails.addAll(group.members());
    }

    public void applyManually() {
        applyManually = true;
    }
}
