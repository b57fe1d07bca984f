package org.icl4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/DESIGN-NOTES.md as rules on the compiled main classes of every module on this class path
 * (the command line's test class path holds all of them): api ← formats ← algorithms ← transformer and engines;
 * engines never depend on each other, the harness or the command line; the harness and the command line reach
 * engines through the SPI only (no engine class is imported), and the harness has no picocli, Guice or XChart;
 * nothing depends on the command line.
 */
class LayeringTest {

    // Jars are included: from `mvn install` (README's test command) on, the reactor puts the other modules on this
    // class path as their packaged jars instead of their classes folders. Only org.icl4j is imported either way.
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.icl4j");

    private static final String[] JDK = {"java..", "javax.annotation.."};
    private static final String[] UI_LIBRARIES = {"picocli..", "com.google.inject..", "jakarta.inject..",
        "org.knowm.xchart..", "me.tongfei.."};

    @Test
    void theImportSeesEveryModule() {
        // A rule over no classes passes vacuously; these are one class of each module the rules speak of.
        for (String name : new String[] {"org.icl4j.api.Estimator", "org.icl4j.formats.AtomicFiles",
            "org.icl4j.formats.npy.Npy", "org.icl4j.formats.model.Checkpoint", "org.icl4j.algorithms.BuiltinPlugin",
            "org.icl4j.transformer.ReferenceTransformer", "org.icl4j.transformer.construction.ConstructionCompiler",
            "org.icl4j.harness.Icl4j", "org.icl4j.engine.djl.DjlEngine", "org.icl4j.engine.onnx.OnnxEstimator",
            "org.icl4j.engine.onnx.export.OnnxExporter", "org.icl4j.testkit.RandomCheckpoints", "org.icl4j.cli.Icl4j"}) {
            assertThat(MAIN.contain(name)).as(name).isTrue();
        }
        assertThat(MAIN.contain(LayeringTest.class)).as("test classes are left out").isFalse();
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        only("org.icl4j.api..", "org.icl4j.api..").check(MAIN);
    }

    @Test
    void formatsDependOnTheApiAndJacksonOnly() {
        only("org.icl4j.formats..", "org.icl4j.api..", "org.icl4j.formats..", "com.fasterxml.jackson..",
                "org.apache.commons.math3.special..").check(MAIN);
    }

    @Test
    void theTestkitDependsOnTheApiFormatsAndTestLibrariesOnly() {
        // javax.tools: the JDK's compiler, with which PluginJars builds plugin jars inside tests.
        only("org.icl4j.testkit..", "org.icl4j.api..", "org.icl4j.formats..", "org.icl4j.testkit..", "org.junit..",
                "org.assertj..", "org.ejml..", "javax.tools..").check(MAIN);
    }

    @Test
    void algorithmsDependOnNoTransformerEngineHarnessOrCli() {
        noClasses().that().resideInAPackage("org.icl4j.algorithms..").should().dependOnClassesThat()
                .resideInAnyPackage("org.icl4j.transformer..", "org.icl4j.engine..", "org.icl4j.harness..",
                        "org.icl4j.cli..")
                .check(MAIN);
    }

    @Test
    void theTransformerDependsOnNoEngineHarnessOrCli() {
        noClasses().that().resideInAPackage("org.icl4j.transformer..").should().dependOnClassesThat()
                .resideInAnyPackage("org.icl4j.engine..", "org.icl4j.harness..", "org.icl4j.cli..")
                .check(MAIN);
    }

    @Test
    void enginesDependOnNeitherEachOtherNorTheHarnessNorTheCli() {
        noClasses().that().resideInAPackage("org.icl4j.engine.djl..").should().dependOnClassesThat()
                .resideInAnyPackage("org.icl4j.engine.onnx..", "org.icl4j.harness..", "org.icl4j.cli..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.icl4j.engine.onnx").should().dependOnClassesThat()
                .resideInAnyPackage("org.icl4j.engine.djl..", "org.icl4j.engine.onnx.export..", "org.icl4j.harness..",
                        "org.icl4j.cli..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.icl4j.engine.onnx.export..").should().dependOnClassesThat()
                .resideInAnyPackage("org.icl4j.engine.djl..", "org.icl4j.engine.onnx", "org.icl4j.harness..",
                        "org.icl4j.cli..")
                .check(MAIN);
    }

    @Test
    void theOnnxRuntimeEngineUsesTheApiAndOnnxRuntimeOnly() {
        only("org.icl4j.engine.onnx", "org.icl4j.api..", "org.icl4j.engine.onnx", "ai.onnxruntime..").check(MAIN);
    }

    @Test
    void theHarnessFindsEnginesThroughTheSpiAndHasNoCommandLineLibraries() {
        harnessRule("org.icl4j.harness..").check(MAIN);
    }

    @Test
    void theHarnessRuleCatchesAViolation() {
        // The same rule on the command line, which uses picocli and XChart, must fail: the rule can fail.
        assertThat(harnessRule("org.icl4j.cli..").evaluate(MAIN).hasViolation()).isTrue();
        assertThat(only("org.icl4j.formats..", "org.icl4j.formats..").evaluate(MAIN).hasViolation())
                .as("formats use the api and Jackson").isTrue();
    }

    @Test
    void theCommandLineImportsNoEngineClass() {
        // Engines reach the command line through the SPI at run time (runtime scope in its pom), never as classes.
        noEngineClasses("org.icl4j.cli..").check(MAIN);
        assertThat(noEngineClasses("org.icl4j.engine.djl.probe..").evaluate(MAIN).hasViolation())
                .as("the rule fails on a package that uses an engine's classes").isTrue();
    }

    private static ArchRule noEngineClasses(String packages) {
        return noClasses().that().resideInAPackage(packages).should().dependOnClassesThat()
                .resideInAPackage("org.icl4j.engine..");
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("org.icl4j.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.icl4j.cli..")
                .check(MAIN);
    }

    private static ArchRule harnessRule(String packages) {
        String[] forbidden = new String[UI_LIBRARIES.length + 1];
        forbidden[0] = "org.icl4j.engine..";
        System.arraycopy(UI_LIBRARIES, 0, forbidden, 1, UI_LIBRARIES.length);
        return noClasses().that().resideInAPackage(packages).should().dependOnClassesThat()
                .resideInAnyPackage(forbidden);
    }

    /** Classes of {@code packages} depend on the JDK and {@code allowed} only. */
    private static ArchRule only(String packages, String... allowed) {
        String[] all = new String[JDK.length + allowed.length];
        System.arraycopy(JDK, 0, all, 0, JDK.length);
        System.arraycopy(allowed, 0, all, JDK.length, allowed.length);
        return classes().that().resideInAPackage(packages).should().onlyDependOnClassesThat()
                .resideInAnyPackage(all);
    }
}
