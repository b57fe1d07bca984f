package org.icl4j.plugins.taskdiversity;

import java.util.Collection;
import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;
import org.icl4j.api.Task;

/** Contributes the task {@code pool} and the estimator {@code dmmse}. */
public final class TaskDiversityPlugin implements Plugin {

    @Override
    public String name() {
        return "task-diversity";
    }

    @Override
    public Collection<ComponentFactory<Task>> tasks() {
        return List.of(new TaskDiversityPoolTaskFactory());
    }

    @Override
    public Collection<ComponentFactory<Estimator>> estimators() {
        return List.of(new TaskDiversityDmmseFactory());
    }
}
