package org.countersign.rules.internal;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The base class of every compiled rules script: the DSL's top level ({@code rule}) and the read-only facts.
 * Running the script only declares rules; {@link #decide} then evaluates each against the facts.
 */
public abstract class RulesScript extends Script {

    private final List<Map.Entry<String, Closure<?>>> rules = new ArrayList<>();
    private Facts.Change change;
    private Facts.Resource resource;
    private Facts.Actor actor;
    private Facts.Diff diff;
    private Facts.Now now;
    private Facts.Workspace workspace;

    public void rule(String name, @DelegatesTo(value = RuleSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        rules.add(Map.entry(name, body));
    }

    public Facts.Change getChange() {
        return change;
    }

    public Facts.Resource getResource() {
        return resource;
    }

    public Facts.Actor getActor() {
        return actor;
    }

    public Facts.Diff getDiff() {
        return diff;
    }

    public Facts.Now getNow() {
        return now;
    }

    public Facts.Workspace getWorkspace() {
        return workspace;
    }

    void facts(Facts.Change change, Facts.Resource resource, Facts.Actor actor, Facts.Diff diff, Facts.Now now,
            Facts.Workspace workspace) {
        this.change = change;
        this.resource = resource;
        this.actor = actor;
        this.diff = diff;
        this.now = now;
        this.workspace = workspace;
    }

    /** Declares the rules (runs the script), then evaluates each one; the matching ones are returned. */
    List<RuleSpec> decide() {
        run();
        List<RuleSpec> matched = new ArrayList<>();
        for (Map.Entry<String, Closure<?>> rule : rules) {
            RuleSpec spec = new RuleSpec(rule.getKey());
            Closure<?> body = rule.getValue().rehydrate(spec, this, this);
            body.setResolveStrategy(Closure.DELEGATE_FIRST);
            body.call();
            if (spec.matches()) {
                matched.add(spec);
            }
        }
        return matched;
    }
}
