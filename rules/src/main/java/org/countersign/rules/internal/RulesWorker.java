package org.countersign.rules.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;

/**
 * The worker JVM of {@code rules.isolation=process}: compiles and evaluates scripts for the engine, one
 * request at a time, over stdin and stdout. It has its own small heap; the engine kills it when it overruns.
 */
public final class RulesWorker {

    private RulesWorker() {
    }

    public static void main(String[] args) throws Exception {
        long timeoutMs = Long.parseLong(args[0]);
        PrintStream protocol = System.out;
        // nothing but answers may reach the engine's end of the pipe
        System.setOut(System.err);
        WarmUp.run();
        try (ThreadedRules rules = new ThreadedRules(timeoutMs);
                ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(protocol));
                ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in))) {
            out.flush();
            in.setObjectInputFilter(WorkerProtocol.FILTER);
            while (true) {
                WorkerProtocol.Request request;
                try {
                    request = (WorkerProtocol.Request) in.readObject();
                } catch (EOFException e) {
                    return;
                }
                WorkerProtocol.Response response = request.evaluate()
                        ? new WorkerProtocol.Response(null,
                                WorkerProtocol.Decision.of(rules.evaluate(request.source(), request.context())))
                        : new WorkerProtocol.Response(WorkerProtocol.Problem.of(rules.check(request.source())), null);
                out.writeObject(response);
                out.reset();
                out.flush();
                if (ProcessRules.overran(response)) {
                    // a runaway script may still be burning a thread here: end this JVM, the engine starts another
                    System.exit(3);
                }
            }
        }
    }
}
