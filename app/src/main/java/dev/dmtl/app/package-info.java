/**
 * The application layer: each workflow of the tool as a typed request in and a typed outcome out
 * ({@link dev.dmtl.app.AuditStep}, {@link dev.dmtl.app.ReportStep}, {@link dev.dmtl.app.MainJob},
 * {@link dev.dmtl.app.Evaluation}, {@link dev.dmtl.app.ExplainStep}). The command line maps its
 * options to these requests and prints the outcomes; a Java caller uses them the same way. Nothing
 * here parses options or prints.
 */
package dev.dmtl.app;
