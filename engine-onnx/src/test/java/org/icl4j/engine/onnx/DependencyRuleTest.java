package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Maven-level rule of this module: an application that depends on icl4j-engine-onnx to embed
 * {@link InContextRegressor} gets icl4j-api and ONNX Runtime, nothing else. Checked on the poms themselves: this
 * module's compile and runtime dependencies, the api's (none), and the parent's (test scope only). The
 * class-path half of the rule is {@link InContextRegressorTest}'s run of the facade on exactly those jars;
 * {@code .ci/check-onnx-dependencies} checks the resolved list with {@code mvn dependency:list}.
 */
class DependencyRuleTest {

    @Test
    void compileAndRuntimeDependenciesAreTheApiAndOnnxRuntimeOnly() throws Exception {
        assertThat(shippedDependencies(Path.of("pom.xml")))
                .containsExactlyInAnyOrder("org.icl4j:icl4j-api", "com.microsoft.onnxruntime:onnxruntime");
        assertThat(shippedDependencies(Path.of("../api/pom.xml"))).isEmpty();
        assertThat(shippedDependencies(Path.of("../pom.xml"))).isEmpty();
    }

    @Test
    void theRuleSeesADependencyThatShips() throws Exception {
        // The exporter's pom ships Tribuo: the same reading must list it, or the check above proves nothing.
        assertThat(shippedDependencies(Path.of("../engine-onnx-export/pom.xml")))
                .contains("org.tribuo:tribuo-util-onnx", "org.icl4j:icl4j-formats");
    }

    /** groupId:artifactId of the project's own dependencies (not dependencyManagement) that are not test-scoped. */
    private static List<String> shippedDependencies(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        List<String> result = new ArrayList<>();
        NodeList children = document.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element element && element.getTagName().equals("dependencies")) {
                NodeList dependencies = element.getElementsByTagName("dependency");
                for (int j = 0; j < dependencies.getLength(); j++) {
                    Element dependency = (Element) dependencies.item(j);
                    String scope = text(dependency, "scope");
                    if (!"test".equals(scope)) {
                        result.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
                    }
                }
            }
        }
        return result;
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
