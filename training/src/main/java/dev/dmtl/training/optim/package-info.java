/** Optimisation: SGD with Nesterov momentum and selective weight decay, learning-rate schedules. */
package dev.dmtl.training.optim;
