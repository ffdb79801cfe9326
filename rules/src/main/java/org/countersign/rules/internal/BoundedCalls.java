package org.countersign.rules.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.FormatHelper;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.NumberAwareComparator;
import org.codehaus.groovy.runtime.StringGroovyMethods;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * Stand-ins for the allowlisted JDK and Groovy calls whose own implementation can run for seconds or hours on
 * facts of a megabyte ({@code List.containsAll}, {@code intersect}, {@code minus} and {@code grep} compare every
 * element with every other, {@code String.contains} is quadratic in the worst case, Java's regex methods
 * backtrack). {@link AllowlistExtension} binds a script's call of such a method to the stand-in of the same
 * shape here, which gives the same answer but checks the deadline as it goes, or bounds its input. Each takes
 * the receiver first, as Groovy's extension methods do. {@code docs/rules-sandbox.md} lists what each costs.
 */
public final class BoundedCalls {

    /** Searches costing at most this many character comparisons run as one JDK call (milliseconds at worst). */
    static final long SHORT_SEARCH = 1L << 22;
    /** {@code join} refuses to build a longer string: all facts together are at most a megabyte. */
    static final int MAX_JOINED = 4 << 20;
    /** Longer texts are not numbers in rules: parsing them as BigDecimal is quadratic in their length. */
    static final int MAX_NUMBER_LENGTH = 1_000;

    private BoundedCalls() {
    }

    // --- String: searches and regular expressions

    public static boolean contains(String self, CharSequence text) {
        return indexOf(self, text.toString(), 0) >= 0;
    }

    public static boolean contains(CharSequence self, CharSequence text) {
        return indexOf(self.toString(), text.toString(), 0) >= 0;
    }

    public static int indexOf(String self, int character) {
        return self.indexOf(character);
    }

    public static int indexOf(String self, int character, int from) {
        return self.indexOf(character, from);
    }

    public static int indexOf(String self, String text) {
        return indexOf(self, text, 0);
    }

    /**
     * {@link String#indexOf(String, int)}: the JDK's search compares up to length times length characters in one
     * call (a 300,000-character needle in a 700,000-character text runs for minutes). Small searches still go to
     * the JDK; larger ones look for each candidate start with the JDK's fast single-character search and compare
     * it in place, checking the deadline between candidates.
     */
    public static int indexOf(String self, String text, int from) {
        int start = Math.max(from, 0);
        int last = self.length() - text.length();
        if (text.isEmpty() || (long) Math.max(last - start, 0) * text.length() <= SHORT_SEARCH) {
            return self.indexOf(text, from);
        }
        char first = text.charAt(0);
        for (int i = self.indexOf(first, start); i >= 0 && i <= last; i = self.indexOf(first, i + 1)) {
            if (self.regionMatches(i, text, 0, text.length())) {
                return i;
            }
            Deadline.check();
        }
        return -1;
    }

    public static boolean matches(String self, String regex) {
        return Regex.matches(self, regex);
    }

    public static String[] split(String self, String regex) {
        return Regex.split(self, regex, 0);
    }

    public static String[] split(String self, String regex, int limit) {
        return Regex.split(self, regex, limit);
    }

    /** Groovy's {@code text.find(regex)}: the first match or null. */
    public static String find(CharSequence self, CharSequence regex) {
        return Regex.firstMatch(self, regex);
    }

    public static boolean isNumber(CharSequence self) {
        return self.length() <= MAX_NUMBER_LENGTH && StringGroovyMethods.isNumber(self);
    }

    // --- collections: element by element, with a deadline check for each

    public static boolean containsAll(Collection<?> self, Collection<?> wanted) {
        for (Object element : wanted) {
            Deadline.check();
            if (!self.contains(element)) {
                return false;
            }
        }
        return true;
    }

    public static boolean containsAll(List<?> self, Collection<?> wanted) {
        return containsAll((Collection<?>) self, wanted);
    }

    public static <T> Collection<T> intersect(Collection<T> left, Collection<T> right) {
        return DefaultGroovyMethods.intersect(left, right, checkingComparator());
    }

    public static <T> Collection<T> intersect(Iterable<T> left, Iterable<T> right) {
        return DefaultGroovyMethods.intersect(left, right, checkingComparator());
    }

    public static <T> List<T> intersect(List<T> left, Iterable<T> right) {
        return DefaultGroovyMethods.intersect(left, right, checkingComparator());
    }

    public static <T> Set<T> intersect(Set<T> left, Iterable<T> right) {
        return DefaultGroovyMethods.intersect(left, right, checkingComparator());
    }

    public static <T> Collection<T> minus(Collection<T> self, Collection<?> removeMe) {
        return DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    public static <T> Collection<T> minus(Iterable<T> self, Iterable<?> removeMe) {
        return DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    public static <T> List<T> minus(List<T> self, Collection<?> removeMe) {
        return (List<T>) DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    public static <T> List<T> minus(List<T> self, Iterable<?> removeMe) {
        return (List<T>) DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    public static <T> Set<T> minus(Set<T> self, Collection<?> removeMe) {
        return (Set<T>) DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    public static <T> Set<T> minus(Set<T> self, Iterable<?> removeMe) {
        return (Set<T>) DefaultGroovyMethods.minus(self, checking(removeMe), checkingComparator());
    }

    /** Removing one value compares it once with each element: linear, as Groovy's own. */
    public static <T> List<T> minus(List<T> self, Object removeMe) {
        return DefaultGroovyMethods.minus(self, removeMe);
    }

    public static <T> Collection<T> minus(Iterable<T> self, Object removeMe) {
        return DefaultGroovyMethods.minus(self, removeMe);
    }

    public static <T> Set<T> minus(Set<T> self, Object removeMe) {
        return DefaultGroovyMethods.minus(self, removeMe);
    }

    /**
     * {@code grep(filter)} asks {@code filter.isCase(element)} of every element, which for a list filter is a
     * search of that list: elements times filter size in all.
     */
    public static <T> List<T> grep(List<T> self, Object filter) {
        return grepInto(new ArrayList<>(), self, filter);
    }

    public static <T> Set<T> grep(Set<T> self, Object filter) {
        return grepInto(new LinkedHashSet<>(), self, filter);
    }

    public static <T> Collection<T> grep(Collection<T> self, Object filter) {
        return grepInto(new ArrayList<>(), self, filter);
    }

    /** {@code grep} on a value of unknown type, such as a config entry: its elements as Groovy iterates them. */
    public static Collection<Object> grep(Object self, Object filter) {
        List<Object> answer = new ArrayList<>();
        for (Iterator<?> elements = InvokerHelper.asIterator(self); elements.hasNext();) {
            Deadline.check();
            Object element = elements.next();
            if (DefaultTypeTransformation.castToBoolean(InvokerHelper.invokeMethod(filter, "isCase", element))) {
                answer.add(element);
            }
        }
        return answer;
    }

    public static <T> List<T> grep(List<T> self) {
        return DefaultGroovyMethods.grep(self);
    }

    public static <T> Set<T> grep(Set<T> self) {
        return DefaultGroovyMethods.grep(self);
    }

    public static <T> Collection<T> grep(Collection<T> self) {
        return DefaultGroovyMethods.grep(self);
    }

    public static String join(Iterable<?> self) {
        return join(self, "");
    }

    /** Groovy's {@code join}, refusing to build more than {@link #MAX_JOINED} characters. */
    public static String join(Iterable<?> self, String separator) {
        StringJoiner joined = new StringJoiner(separator == null ? "" : separator);
        for (Object element : self) {
            Deadline.check();
            joined.add(FormatHelper.toString(element));
            if (joined.length() > MAX_JOINED) {
                throw new IllegalArgumentException("join would make a text longer than " + MAX_JOINED + " characters");
            }
        }
        return joined.toString();
    }

    public static <T> String join(T[] self, String separator) {
        return join(Arrays.asList(self), separator);
    }

    private static <T, C extends Collection<T>> C grepInto(C answer, Collection<T> self, Object filter) {
        for (T element : self) {
            Deadline.check();
            if (DefaultTypeTransformation.castToBoolean(InvokerHelper.invokeMethod(filter, "isCase", element))) {
                answer.add(element);
            }
        }
        return answer;
    }

    /** Groovy's own comparison for intersect and minus, with a deadline check before each. */
    private static <T> Comparator<T> checkingComparator() {
        Comparator<T> groovy = new NumberAwareComparator<>();
        return (a, b) -> {
            Deadline.check();
            return groovy.compare(a, b);
        };
    }

    /** The elements of {@code values}, with a deadline check before each (minus goes through them once per element). */
    private static <T> Iterable<T> checking(Iterable<T> values) {
        return () -> {
            Iterator<T> elements = values.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    Deadline.check();
                    return elements.hasNext();
                }

                @Override
                public T next() {
                    return elements.next();
                }
            };
        };
    }
}
