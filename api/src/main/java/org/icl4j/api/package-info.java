/**
 * The icl4j service-provider API: in-context regression tasks, episodes, estimators (in-context learning
 * algorithms), learners, metrics, probe targets, engines and plugins.
 *
 * <p>This package depends on the JDK only. Implementations live in the {@code algorithms}, {@code engine-*}
 * and plugin modules; the {@code cli} module wires them together. Every named component is created from a
 * {@link org.icl4j.api.Spec} string such as {@code ridge:lambda=0.25}.
 */
package org.icl4j.api;
