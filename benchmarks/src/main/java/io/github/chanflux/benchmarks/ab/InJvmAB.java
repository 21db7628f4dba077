package io.github.chanflux.benchmarks.ab;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Compares two builds of chanflux-core in one JVM, turn by turn: the A/B for a change to the
 * channel, on a host whose speed shifts within minutes (see {@code benchmarks/README.md}).
 *
 * <p>JMH forks of the old and the new code run one after the other, so a shift of the host
 * between two forks shows up as a difference between the builds. Here each build's classes are
 * loaded by a class loader of their own, with a copy of {@link AbWorkloads}, in the same JVM,
 * and the two take turns every {@code batch} seconds, the first to go alternating from round to
 * round; each round gives the ratio of the two, and the median ratio is what the host's shifts
 * leave alone.
 *
 * <p>The copy loaded second runs faster, although the code is the same: with both sides the same
 * build, 0.85–0.97× the first's time, 0.79× on buffered(1024) (measured 2026-12-01; the cause was
 * not pinned down, the JIT's shared profiles of JDK code being the likely one). So each
 * comparison runs twice, in two JVMs, the head build loaded second, then the
 * base build; {@code head/base} is the geometric mean of the two runs' ratios, in which that
 * bias cancels, and {@code bias} is what it was. The {@code juc} workload ({@code
 * SynchronousQueue}, no chanflux code) shows the bias and the noise of the harness itself.
 *
 * <pre>
 * InJvmAB BASE_CLASSES HEAD_CLASSES [rounds=10] [batch=0.5] [workload ...]
 * </pre>
 *
 * {@code BASE_CLASSES} and {@code HEAD_CLASSES} are the {@code core/target/classes} directories
 * (or jars) of the two builds; {@code benchmarks/ab.sh} builds a revision and runs this.
 */
public final class InJvmAB {

    private static final String CHILD = "--child";

    private InJvmAB() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: InJvmAB BASE_CLASSES HEAD_CLASSES [rounds=N] [batch=SECONDS] [workload ...]; got "
                            + Arrays.toString(args));
        }
        Path base = classes("BASE_CLASSES", args[0]);
        Path head = classes("HEAD_CLASSES", args[1]);
        int rounds = 10;
        double batch = 0.5;
        List<String> workloads = new ArrayList<>();
        for (String a : Arrays.copyOfRange(args, 2, args.length)) {
            if (a.startsWith("rounds=")) {
                rounds = positive("rounds", Integer.parseInt(a.substring(7)));
            } else if (a.startsWith("batch=")) {
                batch = Double.parseDouble(a.substring(6));
                if (!(batch > 0)) {
                    throw new IllegalArgumentException("batch must be a positive number of seconds, got " + a);
                }
            } else if (AbWorkloads.NAMES.contains(a)) {
                workloads.add(a);
            } else {
                throw new IllegalArgumentException("unknown workload '" + a + "'; known: " + AbWorkloads.NAMES);
            }
        }
        if (workloads.isEmpty()) {
            workloads = AbWorkloads.NAMES;
        }
        System.out.printf(
                "In-JVM A/B, %d rounds of %.2f s a side per workload, in two JVMs (head loaded second, then base)%n",
                rounds, batch);
        Map<String, double[][]> headSecond = runChild(base, head, rounds, batch, workloads);
        Map<String, double[][]> baseSecond = runChild(head, base, rounds, batch, workloads);
        System.out.printf(
                "%-14s %26s %26s %10s %8s%n",
                "workload", "base ns/op (min-max)", "head ns/op (min-max)", "head/base", "bias");
        for (String w : workloads) {
            double[][] hs = headSecond.get(w); // [0] base, [1] head
            double[][] bs = baseSecond.get(w); // [0] head, [1] base
            double forward = median(ratios(hs[1], hs[0])); // head / base, head second
            double backward = median(ratios(bs[1], bs[0])); // base / head, base second
            List<Double> baseAll = concat(hs[0], bs[1]);
            List<Double> headAll = concat(hs[1], bs[0]);
            System.out.printf(
                    "%-14s %26s %26s %10.3f %8.3f%n",
                    w, spread(baseAll), spread(headAll), Math.sqrt(forward / backward), Math.sqrt(forward * backward));
        }
        System.out.println("head/base < 1: head is faster. bias: second loaded / first loaded, same code (1 = none).");
    }

    private static Path classes(String name, String arg) {
        Path p = Path.of(arg).toAbsolutePath();
        if (!Files.exists(p.resolve("io/github/chanflux/chan/Chan.class"))
                && !(Files.isRegularFile(p) && arg.endsWith(".jar"))) {
            throw new IllegalArgumentException(name + " must be a chanflux-core classes directory or jar, got " + arg
                    + " (no Chan.class under it)");
        }
        return p;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    /** Runs a child JVM with {@code first} loaded first; per workload, its values [first, second]. */
    private static Map<String, double[][]> runChild(
            Path first, Path second, int rounds, double batch, List<String> workloads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx4g", "-cp", System.getProperty("java.class.path"), InJvmAB.class.getName()));
        command.addAll(
                List.of(CHILD, first.toString(), second.toString(), Integer.toString(rounds), Double.toString(batch)));
        command.addAll(workloads);
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // Read on a thread of its own, so that a hung child is caught by the wait below.
        Map<String, double[][]> results = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] f = line.split(" ");
                    results.put(f[1], new double[][] {parse(f[2]), parse(f[3])});
                }
            } catch (IOException e) {
                // the child was destroyed, or failed; told below
            }
        });
        // Warm-up, then rounds × 2 batches per workload; a batch ends after its first run past
        // the time, so allow it a generous margin before calling the child hung.
        long limit = (long) (60 + workloads.size() * (4 + rounds * 2 * batch) * 4);
        if (!child.waitFor(limit, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            reader.join();
            throw new IllegalStateException("the A/B child JVM did not finish within " + limit + " s");
        }
        reader.join();
        if (child.exitValue() != 0 || results.size() != workloads.size()) {
            throw new IllegalStateException("the A/B child JVM failed (exit " + child.exitValue() + ")");
        }
        return results;
    }

    /** The child: loads both builds, warms each up, then takes turns; prints one line per workload. */
    private static void child(String[] args) throws Exception {
        Method[] run = {workloads(Path.of(args[0]), "first"), workloads(Path.of(args[1]), "second")};
        int rounds = Integer.parseInt(args[2]);
        double batch = Double.parseDouble(args[3]);
        List<String> names = Arrays.asList(args).subList(4, args.length);
        for (String w : names) {
            for (Method m : run) {
                runFor(m, w, 2.0);
            }
        }
        for (String w : names) {
            double[][] values = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                int firstSide = r % 2;
                values[firstSide][r] = runFor(run[firstSide], w, batch);
                values[1 - firstSide][r] = runFor(run[1 - firstSide], w, batch);
            }
            System.out.println("RESULT " + w + " " + join(values[0]) + " " + join(values[1]));
            System.out.flush();
        }
    }

    /** {@link AbWorkloads#run} of a copy of {@link AbWorkloads} that sees the core classes at {@code core}. */
    private static Method workloads(Path core, String name) throws Exception {
        URL own = AbWorkloads.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader =
                new URLClassLoader(name, new URL[] {core.toUri().toURL(), own}, ClassLoader.getPlatformClassLoader());
        return loader.loadClass(AbWorkloads.class.getName()).getMethod("run", String.class);
    }

    /** Runs {@code workload} again and again for {@code seconds}; the median ns per operation. */
    private static double runFor(Method run, String workload, double seconds) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Double> values = new ArrayList<>();
        do {
            try {
                values.add((Double) run.invoke(null, workload));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("workload " + workload + " failed", e.getCause());
            }
        } while (System.nanoTime() < end);
        return median(values);
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.isEmpty() ? "" : ",").append(v);
        }
        return s.toString();
    }

    private static double[] parse(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static List<Double> ratios(double[] numerators, double[] denominators) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < numerators.length; i++) {
            r.add(numerators[i] / denominators[i]);
        }
        return r;
    }

    private static List<Double> concat(double[] a, double[] b) {
        List<Double> all = new ArrayList<>();
        for (double v : a) {
            all.add(v);
        }
        for (double v : b) {
            all.add(v);
        }
        return all;
    }

    private static double median(List<Double> values) {
        return Sample.of(values, "ns").median();
    }

    private static String spread(List<Double> values) {
        Sample s = Sample.of(values, "ns");
        return String.format("%.1f (%.1f-%.1f)", s.median(), s.min(), s.max());
    }
}
