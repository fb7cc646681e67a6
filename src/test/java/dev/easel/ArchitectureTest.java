package dev.easel;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way, top to bottom, as docs/ARCHITECTURE.md draws them. */
@AnalyzeClasses(packages = "dev.easel", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersPointDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy("dev.easel.cli..")
            .layer("api").definedBy("dev.easel.api..")
            .layer("jobs").definedBy("dev.easel.jobs..")
            .layer("generation").definedBy("dev.easel.generation..")
            .layer("routing").definedBy("dev.easel.routing..")
            .layer("provider").definedBy("dev.easel.provider..")
            .layer("ledger").definedBy("dev.easel.ledger..")
            .layer("account").definedBy("dev.easel.account..")
            .layer("delivery").definedBy("dev.easel.delivery..")
            .layer("catalog").definedBy("dev.easel.catalog..")
            .layer("render").definedBy("dev.easel.render..")
            .layer("config").definedBy("dev.easel.config..")
            .layer("storage").definedBy("dev.easel.storage..")
            .layer("error").definedBy("dev.easel.error..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("api").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "api")
            .whereLayer("generation").mayOnlyBeAccessedByLayers("cli", "api", "jobs")
            .whereLayer("routing").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation")
            .whereLayer("provider").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation", "routing")
            .whereLayer("ledger").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation")
            .whereLayer("account").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation", "ledger")
            .whereLayer("delivery").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation")
            .whereLayer("catalog").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation", "routing", "provider",
                    "ledger")
            .whereLayer("render").mayOnlyBeAccessedByLayers("cli", "api", "jobs", "generation", "routing", "provider",
                    "catalog", "delivery")
            .whereLayer("config").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("storage").mayOnlyBeAccessedByLayers("cli", "account", "jobs");

    /** Keys and limits know nothing of money; the ledger builds on them, never the other way. */
    @ArchTest
    static final ArchRule accountDoesNotDependOnTheLedger = noClasses()
            .that().resideInAPackage("dev.easel.account..")
            .should().dependOnClassesThat().resideInAPackage("dev.easel.ledger..");

    @ArchTest
    static final ArchRule onlyTheApiLayerKnowsTheHttpServer = noClasses()
            .that().resideOutsideOfPackages("dev.easel.api..", "dev.easel.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.helidon..");

    @ArchTest
    static final ArchRule onlyTheUpstreamPlumbingKnowsTheHttpClient = noClasses()
            .that().resideOutsideOfPackage("dev.easel.provider.http..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.hc..");
}
