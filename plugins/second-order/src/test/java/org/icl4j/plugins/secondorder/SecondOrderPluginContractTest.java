package org.icl4j.plugins.secondorder;

import org.icl4j.api.Plugin;
import org.icl4j.testkit.PluginContractTest;

class SecondOrderPluginContractTest extends PluginContractTest {

    @Override
    protected Plugin createPlugin() {
        return new SecondOrderPlugin();
    }
}
