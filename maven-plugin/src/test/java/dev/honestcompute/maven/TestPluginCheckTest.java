package dev.honestcompute.maven;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TestPluginCheckTest {

    private static Plugin plugin(String artifactId, String version, Map<String, String> pluginConfig,
                                 Map<String, String> executionConfig) {
        Plugin p = new Plugin();
        p.setGroupId("org.apache.maven.plugins");
        p.setArtifactId(artifactId);
        p.setVersion(version);
        p.setConfiguration(dom(pluginConfig));
        PluginExecution e = new PluginExecution();
        e.setId(artifactId.contains("failsafe") ? "default" : "default-test");
        e.setPhase("test");
        e.addGoal(artifactId.contains("failsafe") ? "integration-test" : "test");
        e.setConfiguration(dom(executionConfig));
        p.addExecution(e);
        return p;
    }

    private static Xpp3Dom dom(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Xpp3Dom d = new Xpp3Dom("configuration");
        values.forEach((k, v) -> {
            Xpp3Dom c = new Xpp3Dom(k);
            c.setValue(v);
            d.addChild(c);
        });
        return d;
    }

    private static List<String> problems(Plugin p) {
        return new TestPluginCheck("argLine", new Properties()).problems(List.of(p));
    }

    @Test
    void anArgLineWithTheLateBoundPropertyOrNoArgLineAtAllIsFine() {
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("argLine", "@{argLine} -Xmx1g"), null)))
                .isEmpty();
        assertThat(problems(plugin("maven-failsafe-plugin", "3.0.0", null, null))).isEmpty();
    }

    @Test
    void aUserArgLineWithoutTheLateBoundPropertyFailsWithTheFix() {
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("argLine", "-Xmx1g"), null)))
                .singleElement().asString()
                .contains("maven-surefire-plugin (execution default-test) has <argLine>-Xmx1g</argLine>")
                .contains("Fix: start it with @{argLine}: <argLine>@{argLine} -Xmx1g</argLine>");
    }

    @Test
    void anExecutionLevelArgLineOverridesAGoodPluginLevelOne() {
        assertThat(problems(plugin("maven-failsafe-plugin", "3.6.1", Map.of("argLine", "@{argLine}"),
                Map.of("argLine", "-Dit=1")))).singleElement().asString()
                .contains("maven-failsafe-plugin (execution default) has <argLine>-Dit=1</argLine>");
    }

    @Test
    void forkCountZeroFailsWhetherConfiguredOrPassedOnTheCommandLine() {
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("forkCount", "0"), null)))
                .singleElement().asString().contains("has forkCount=0").contains("set it to 1 or more");
        Properties cli = new Properties();
        cli.setProperty("forkCount", "0C");
        assertThat(new TestPluginCheck("argLine", cli).problems(List.of(plugin("maven-surefire-plugin", "3.6.1",
                null, null)))).singleElement().asString().contains("forkCount=0C");
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("forkCount", "2"), null))).isEmpty();
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("forkCount", "1.5C"), null))).isEmpty();
    }

    @Test
    void maven38sDefaultSurefireIsTooOldAndTheMessageNamesTheMinimum() {
        assertThat(problems(plugin("maven-surefire-plugin", "2.12.4", null, null))).singleElement().asString()
                .contains("maven-surefire-plugin 2.12.4 is too old").contains("3.0.0 or newer")
                .contains("<version>3.6.1</version>");
        assertThat(problems(plugin("maven-surefire-plugin", "3.0.0-M7", null, null))).hasSize(1);
    }

    @Test
    void skippedExecutionsAndOtherPluginsAreNotChecked() {
        assertThat(problems(plugin("maven-surefire-plugin", "3.6.1", Map.of("forkCount", "0", "skipTests", "true"),
                null))).isEmpty();
        Properties skip = new Properties();
        skip.setProperty("skipTests", "true");
        assertThat(new TestPluginCheck("argLine", skip).problems(List.of(plugin("maven-surefire-plugin", "2.12.4",
                null, null)))).isEmpty();
        Plugin other = plugin("maven-surefire-plugin", "2.12.4", null, null);
        other.setGroupId("com.example");
        assertThat(problems(other)).isEmpty();
    }

    @Test
    void anotherPropertyNameNeedsAnArgLineThatNamesIt() {
        assertThat(new TestPluginCheck("hcArgLine", new Properties()).problems(List.of(
                plugin("maven-surefire-plugin", "3.6.1", null, null)))).singleElement().asString()
                .contains("prepare-agent sets 'hcArgLine'").contains("<argLine>@{hcArgLine}</argLine>");
        assertThat(new TestPluginCheck("hcArgLine", new Properties()).problems(List.of(
                plugin("maven-surefire-plugin", "3.6.1", Map.of("argLine", "@{hcArgLine} -Xmx1g"), null)))).isEmpty();
    }
}
