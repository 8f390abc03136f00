package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed figure provenance is the same on every machine; the machine facts go to the ignored file beside it. */
class FigureProvenanceTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /** Everything a figures run records of its invocation on one machine, as FiguresCommand gathers it. */
    private static Map<String, String> environment(String os, String host, String cpu, String java, String nativeBuild,
                                                   String threads) {
        return Map.of("git.commit", COMMIT, "git.dirty", "false", "dl4j", "1.0.0-M2.1", "os", os, "host", host,
                "cpu", cpu, "java", java, "native.build", nativeBuild, "backend", "CPU " + nativeBuild, "threads", threads);
    }

    @Test
    void theCommittedFileIsTheSameOnTwoMachinesAndTheMachineFileTellsThemApart(@TempDir Path tmp) throws Exception {
        // The same dataset archive, found at two different places (another $A2_DATA, another mirror folder).
        byte[] archive = "the same archive bytes".getBytes();
        Path dataA = Files.createDirectories(tmp.resolve("mirror-a")).resolve("cifar10-a2.tar.xz");
        Path dataB = Files.createDirectories(tmp.resolve("elsewhere/b")).resolve("cifar10-a2.tar.xz");
        Files.write(dataA, archive);
        Files.write(dataB, archive);
        Map<String, String> checksums = Map.of("cifar10-a2.tar.xz", "6853f828");
        Map<String, Object> settings = Map.of("tsnePoints", 1000);

        Path outA = Files.createDirectories(tmp.resolve("a/generated"));
        Path outB = Files.createDirectories(tmp.resolve("b/generated"));
        FigureProvenance.write(outA, List.of(), List.of(dataA), checksums,
                environment("Linux 6.18.44-fc-v669 amd64", "host-a", "AMD EPYC, 2 cores",
                        "Debian 17.0.15+6-Debian-1deb12u1", "linux-x86_64-onednn-avx512", "1"), settings);
        FigureProvenance.write(outB, List.of(), List.of(dataB), checksums,
                environment("Linux 6.18.44-fc-v1147 amd64", "host-b", "Intel Xeon, 16 cores",
                        "Eclipse Adoptium 17.0.12+7", "linux-x86_64", "4"), settings);

        byte[] a = Files.readAllBytes(outA.resolve(FigureProvenance.COMMITTED));
        assertArrayEquals(a, Files.readAllBytes(outB.resolve(FigureProvenance.COMMITTED)));
        String committed = new String(a);
        for (String machineFact : List.of("fc-v669", "host-a", "EPYC", "Debian", "avx512", "mirror-a")) {
            assertFalse(committed.contains(machineFact), machineFact + " leaked into the committed provenance: " + committed);
        }
        assertTrue(committed.contains(COMMIT), committed);
        assertTrue(committed.contains("\"cifar10-a2.tar.xz\""), "the archive is named by its file name: " + committed);

        String machineA = Files.readString(outA.resolve(FigureProvenance.MACHINE));
        String machineB = Files.readString(outB.resolve(FigureProvenance.MACHINE));
        assertNotEquals(machineA, machineB);
        for (String fact : List.of("fc-v669", "host-a", "AMD EPYC", "Debian 17", "onednn-avx512", dataA.toString())) {
            assertTrue(machineA.contains(fact), fact + " missing from " + machineA);
        }
    }

    @Test
    void filesInsideTheWorkingDirectoryKeepTheirRelativePath() {
        assertEquals("checkpoints/final/x/model.a2model",
                FigureProvenance.inputKey(Path.of("checkpoints/final/x/model.a2model").toAbsolutePath()));
        assertEquals("cifar10-a2.tar.xz", FigureProvenance.inputKey(Path.of("/somewhere/else/cifar10-a2.tar.xz")));
    }
}
