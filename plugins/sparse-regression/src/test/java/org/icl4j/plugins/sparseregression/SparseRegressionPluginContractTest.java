package org.icl4j.plugins.sparseregression;

import org.icl4j.api.Plugin;
import org.icl4j.api.Task;
import org.icl4j.testkit.PluginContractTest;
import org.icl4j.testkit.TaskContractTest;
import org.junit.jupiter.api.Nested;

class SparseRegressionPluginContractTest extends PluginContractTest {

    @Override
    protected Plugin createPlugin() {
        return new SparseRegressionPlugin();
    }

    @Nested
    class SparseTaskContract extends TaskContractTest {
        @Override
        protected Task createTask() {
            return new SparseRegressionTask(6, 2, 0.1, 1.0);
        }
    }
}
