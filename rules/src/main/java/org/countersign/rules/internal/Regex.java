package org.countersign.rules.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regular expressions in rules, on RE2/J: matching takes time linear in the text, so no pattern can backtrack
 * for hours the way {@code (.*a){20}} does on Java's engine, and every match reads its text through
 * {@link InterruptibleText}, so even a long linear match ends at the deadline. Scripts reach this class through
 * the operators {@link RegexRewrite} turns into its calls and the String methods {@link BoundedCalls} stands in
 * for. RE2 syntax has no back-references or look-around; such patterns are refused.
 */
public final class Regex {

    /** Larger patterns are refused: see {@link RegexSize}. A thousand-step pattern is already a very big one. */
    static final long MAX_PROGRAM_SIZE = 10_000;
    /** A compiled pattern keeps matcher state as large as its program: only small ones are kept for reuse. */
    private static final long CACHED_PROGRAM_SIZE = 1_000;
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Regex() {
    }

    /** {@code text ==~ pattern}: the whole text matches. A missing text or pattern matches nothing. */
    public static boolean matches(Object text, Object pattern) {
        if (text == null || pattern == null) {
            return false;
        }
        return compiled(pattern).matcher(new InterruptibleText(text.toString())).matches();
    }

    /**
     * {@code text =~ pattern}: the pattern occurs somewhere in the text. In Groovy this makes a matcher, which
     * rules only ever use as a condition, so here it is that condition. A missing text or pattern matches nothing.
     */
    public static boolean find(Object text, Object pattern) {
        if (text == null || pattern == null) {
            return false;
        }
        return compiled(pattern).matcher(new InterruptibleText(text.toString())).find();
    }

    /** {@code ~'pattern'} and {@code ~/pattern/}: a pattern for {@code in}, {@code switch} and {@code grep}. */
    public static RulePattern pattern(Object source) {
        if (!(source instanceof CharSequence)) {
            throw new IllegalArgumentException("~ makes a pattern of a string, not of "
                    + (source == null ? "null" : source.getClass().getSimpleName()));
        }
        return new RulePattern(compile(source.toString()));
    }

    /** {@code text.find(regex)}: the first match, or null. */
    static String firstMatch(CharSequence text, CharSequence regex) {
        Matcher matcher = compile(regex.toString()).matcher(new InterruptibleText(text.toString()));
        return matcher.find() ? matcher.group() : null;
    }

    /**
     * {@code text.split(regex, limit)} as {@link String#split(String, int)} does it: a zero-width match at the
     * start gives no leading empty string, a limit above zero caps the number of parts, and a limit of zero
     * drops trailing empty strings.
     */
    static String[] split(String text, String regex, int limit) {
        Matcher matcher = compile(regex).matcher(new InterruptibleText(text));
        List<String> parts = new ArrayList<>();
        int from = 0;
        while ((limit <= 0 || parts.size() < limit - 1) && matcher.find()) {
            if (matcher.end() == 0) {
                continue;
            }
            parts.add(text.substring(from, matcher.start()));
            from = matcher.end();
        }
        if (parts.isEmpty()) {
            return new String[] {text};
        }
        parts.add(text.substring(from));
        if (limit == 0) {
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
        }
        return parts.toArray(new String[0]);
    }

    private static Pattern compiled(Object pattern) {
        return pattern instanceof RulePattern rule ? rule.pattern() : compile(pattern.toString());
    }

    /** The compiled pattern; a pattern RE2 cannot run or that is too large raises IllegalArgumentException. */
    static Pattern compile(String regex) {
        synchronized (CACHE) {
            Pattern hit = CACHE.get(regex);
            if (hit != null) {
                return hit;
            }
        }
        long size = RegexSize.estimate(regex, MAX_PROGRAM_SIZE);
        if (size > MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException(tooLarge());
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(unsupported(e), e);
        }
        if (size <= CACHED_PROGRAM_SIZE) {
            synchronized (CACHE) {
                CACHE.put(regex, pattern);
            }
        }
        return pattern;
    }

    /** Why a literal pattern cannot be used, for refusing it when the script is saved; null when it can. */
    static String problem(String regex) {
        try {
            compile(regex);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String unsupported(PatternSyntaxException e) {
        return "unsupported regular expression: " + e.getDescription() + " in " + e.getPattern()
                + " (rules use RE2 syntax, which has no back-references or look-around)";
    }

    private static String tooLarge() {
        return "the regular expression is too large: its repetitions expand beyond " + MAX_PROGRAM_SIZE + " steps";
    }
}
