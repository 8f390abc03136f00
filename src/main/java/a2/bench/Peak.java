package a2.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's nominal single-precision peak: {@code threads x GHz x FLOP/cycle/core}.
 *
 * <p>GHz is the first {@code cpu MHz} line of {@code /proc/cpuinfo}: the frequency the kernel reports, which inside
 * a VM is the (nominal) TSC frequency; a CPU that boosts above it makes the peak a slight underestimate.
 *
 * <p>{@link #DEFAULT_FLOPS_PER_CYCLE} = 2 FMA pipes x 8 FP32 lanes (256 bits) x 2 FLOP per FMA = 32: right for AMD
 * Zen 4 (this project's machine, "AMD EPYC" family 25 model 17), which executes AVX-512 instructions on 256-bit
 * data paths, and for Intel cores with one 512-bit FMA unit; Intel server cores with two 512-bit FMA units reach 64
 * ({@code --flops-per-cycle 64}).
 */
public record Peak(double ghz, int flopsPerCycle, String cpuModel, String source) {
    public static final int DEFAULT_FLOPS_PER_CYCLE = 2 * 8 * 2;

    public Peak {
        if (!(ghz > 0) || flopsPerCycle < 1) {
            throw new IllegalArgumentException("need GHz > 0 and FLOP/cycle >= 1, got " + ghz + ", " + flopsPerCycle);
        }
    }

    /** Peak GFLOP/s of {@code threads} cores. */
    public double gflops(int threads) {
        return threads * ghz * flopsPerCycle;
    }

    /** Reads {@code /proc/cpuinfo}; empty when it is missing or has no {@code cpu MHz} line. */
    public static Optional<Peak> ofThisMachine(int flopsPerCycle) {
        try {
            return parse(Files.readString(Path.of("/proc/cpuinfo")), flopsPerCycle, "/proc/cpuinfo 'cpu MHz'");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** From the text of {@code /proc/cpuinfo}: the first {@code cpu MHz} and {@code model name} lines. */
    public static Optional<Peak> parse(String cpuinfo, int flopsPerCycle, String source) {
        Double mhz = null;
        String model = "?";
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (key.equals("cpu MHz") && mhz == null) {
                try {
                    mhz = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else if (key.equals("model name") && model.equals("?")) {
                model = value;
            }
        }
        return mhz == null || !(mhz > 0) ? Optional.empty() : Optional.of(new Peak(mhz / 1000, flopsPerCycle, model, source));
    }
}
