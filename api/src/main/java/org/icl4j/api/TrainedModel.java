package org.icl4j.api;

import java.nio.file.Path;

/** A trained in-context learner: an estimator backed by a checkpoint directory. */
public interface TrainedModel extends Estimator {

    /** @return the checkpoint directory this model was saved to */
    Path checkpoint();
}
