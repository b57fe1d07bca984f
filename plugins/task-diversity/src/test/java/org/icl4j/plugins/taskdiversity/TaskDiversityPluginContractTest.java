package org.icl4j.plugins.taskdiversity;

import org.icl4j.api.Plugin;
import org.icl4j.api.Task;
import org.icl4j.testkit.PluginContractTest;
import org.icl4j.testkit.TaskContractTest;
import org.junit.jupiter.api.Nested;

class TaskDiversityPluginContractTest extends PluginContractTest {

    @Override
    protected Plugin createPlugin() {
        return new TaskDiversityPlugin();
    }

    @Nested
    class PoolTaskContract extends TaskContractTest {
        @Override
        protected Task createTask() {
            return new TaskDiversityPoolTask(16, 1, 4, 0.25, 1.0);
        }
    }
}
