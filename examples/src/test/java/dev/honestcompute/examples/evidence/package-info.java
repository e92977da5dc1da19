/**
 * Tests whose receipts carry observations of the recorder's evidence sources (ONNX Runtime's profiler, llama.cpp's
 * log, Jlama's provider): they need the recorder's window glue and the agent's engine hooks; until those land, Surefire
 * excludes this package (see examples/pom.xml) and the sources are tested directly (kernel-recorder, and
 * {@code dev.honestcompute.examples.onnx} / {@code ...jlama} here).
 */
package dev.honestcompute.examples.evidence;
