package org.icl4j.algorithms;

import org.icl4j.api.Plugin;
import org.icl4j.testkit.PluginContractTest;

class BuiltinPluginContractTest extends PluginContractTest {

    @Override
    protected Plugin createPlugin() {
        return new BuiltinPlugin();
    }
}
