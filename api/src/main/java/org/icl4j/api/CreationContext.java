package org.icl4j.api;

import java.util.Optional;

/**
 * What a factory may consult when it creates a component: the task being studied, when there is one (Bayes
 * ridge reads the task's prior; a task's dimension sizes estimators).
 *
 * @param task the task, or null when none applies
 */
public record CreationContext(Task task) {

    /** A context with no task. */
    public static final CreationContext NONE = new CreationContext(null);

    /** @return the task, if any */
    public Optional<Task> optionalTask() {
        return Optional.ofNullable(task);
    }

    /**
     * @param component the component that needs the task, for the message
     * @return the task
     * @throws IllegalArgumentException when there is none
     */
    public Task requireTask(String component) {
        if (task == null) {
            throw new IllegalArgumentException(component + " needs a task (for its dimension or prior), but none was given");
        }
        return task;
    }
}
