/**
 * The DMTL network: a shared trunk of MBConv blocks (EfficientNet's inverted residual with
 * squeeze-and-excitation), then per-task upper stages ("category-related feature learning"), global
 * average pooling and a linear head per task, plus the learned log-variances of Eq. 15.
 */
package dev.dmtl.training.net;
