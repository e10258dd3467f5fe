package dev.simplex.bench.lang;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmark programs written in plain Java, the way a Java programmer would write them. */
final class JavaPrograms {
  private JavaPrograms() {}

  static void fib(PrintStream out) {
    out.println(fib(30));
  }

  private static long fib(long n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
  }

  static void loop(PrintStream out) {
    long total = 0;
    for (long i = 0; i < 10_000_000L; i++) {
      total = Math.addExact(total, i % 7);
    }
    out.println(total);
  }

  static void strings(PrintStream out) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      parts.add("item" + (i % 100) + ";");
    }
    out.println(String.join("", parts).length());
  }

  static void wordcount(PrintStream out) {
    String[] words = {
      "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"
    };
    long seed = 42;
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      seed = (seed * 75 + 74) % 65537;
      pieces.add(words[(int) (seed % 10)]);
    }
    String text = String.join(" ", pieces);
    Map<String, Long> counts = new HashMap<>();
    for (String w : text.split(" ")) {
      counts.merge(w, 1L, Long::sum);
    }
    out.println(counts.get("alpha") + " " + counts.get("kappa") + " " + counts.size());
  }

  private record Tree(Tree left, Tree right) {}

  private static Tree make(int d) {
    return d > 0 ? new Tree(make(d - 1), make(d - 1)) : new Tree(null, null);
  }

  private static long check(Tree t) {
    return t.left == null ? 1 : 1 + check(t.left) + check(t.right);
  }

  static void bintrees(PrintStream out) {
    int maxDepth = 14;
    long stretch = check(make(maxDepth + 1));
    Tree longLived = make(maxDepth);
    long total = 0;
    for (int d = 4; d <= maxDepth; d += 2) {
      int iterations = 1 << (maxDepth - d + 4);
      for (int i = 0; i < iterations; i++) {
        total += check(make(d));
      }
    }
    out.println(stretch + " " + total + " " + check(longLived));
  }

  static void nbody(PrintStream out) {
    double pi = 3.141592653589793;
    double solarMass = 4.0 * pi * pi;
    double dpy = 365.24;
    double[] x = {
      0.0,
      4.84143144246472090e+00,
      8.34336671824457987e+00,
      1.28943695621391310e+01,
      1.53796971148509165e+01
    };
    double[] y = {
      0.0,
      -1.16032004402742839e+00,
      4.12479856412430479e+00,
      -1.51111514016986312e+01,
      -2.59193146099879641e+01
    };
    double[] z = {
      0.0,
      -1.03622044471123109e-01,
      -4.03523417114321381e-01,
      -2.23307578892655734e-01,
      1.79258772950371181e-01
    };
    double[] vx = {
      0.0,
      1.66007664274403694e-03 * dpy,
      -2.76742510726862411e-03 * dpy,
      2.96460137564761618e-03 * dpy,
      2.68067772490389322e-03 * dpy
    };
    double[] vy = {
      0.0,
      7.69901118419740425e-03 * dpy,
      4.99852801234917238e-03 * dpy,
      2.37847173959480950e-03 * dpy,
      1.62824170038242295e-03 * dpy
    };
    double[] vz = {
      0.0,
      -6.90460016972063023e-05 * dpy,
      2.30417297573763929e-05 * dpy,
      -2.96589568540237556e-05 * dpy,
      -9.51592254519715870e-05 * dpy
    };
    double[] m = {
      solarMass,
      9.54791938424326609e-04 * solarMass,
      2.85885980666130812e-04 * solarMass,
      4.36624404335156298e-05 * solarMass,
      5.15138902046611451e-05 * solarMass
    };
    int n = 5;
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < n; i++) {
      px += vx[i] * m[i];
      py += vy[i] * m[i];
      pz += vz[i] * m[i];
    }
    vx[0] = -px / solarMass;
    vy[0] = -py / solarMass;
    vz[0] = -pz / solarMass;
    out.println(String.format("%.9f", energy(x, y, z, vx, vy, vz, m)));
    double dt = 0.01;
    for (int step = 0; step < 100_000; step++) {
      advance(x, y, z, vx, vy, vz, m, dt);
    }
    out.println(String.format("%.9f", energy(x, y, z, vx, vy, vz, m)));
  }

  private static void advance(
      double[] x,
      double[] y,
      double[] z,
      double[] vx,
      double[] vy,
      double[] vz,
      double[] m,
      double dt) {
    int n = m.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
        double d2 = dx * dx + dy * dy + dz * dz;
        double mag = dt / (d2 * Math.sqrt(d2));
        vx[i] -= dx * m[j] * mag;
        vy[i] -= dy * m[j] * mag;
        vz[i] -= dz * m[j] * mag;
        vx[j] += dx * m[i] * mag;
        vy[j] += dy * m[i] * mag;
        vz[j] += dz * m[i] * mag;
      }
    }
    for (int i = 0; i < n; i++) {
      x[i] += dt * vx[i];
      y[i] += dt * vy[i];
      z[i] += dt * vz[i];
    }
  }

  private static double energy(
      double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz, double[] m) {
    double e = 0.0;
    for (int i = 0; i < m.length; i++) {
      e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
      for (int j = i + 1; j < m.length; j++) {
        double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
        e -= m[i] * m[j] / Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    return e;
  }
}
