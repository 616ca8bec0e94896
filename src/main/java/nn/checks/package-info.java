/**
 * Checking the learner's work: {@link nn.checks.Check} (exercises against their reference, with hints) and
 * {@link nn.checks.GradientCheck} (backprop against central differences).
 */
package nn.checks;
