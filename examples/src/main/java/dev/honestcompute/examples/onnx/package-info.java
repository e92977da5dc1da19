/**
 * An ONNX engine: the project's tiny generated language-model block ({@code tiny-onnx-block}) on ONNX Runtime. Its
 * kernels are ONNX Runtime's nodes, observed through ORT's own session profiler by the recorder's
 * {@code onnxruntime-profiler} evidence source, never declared.
 */
package dev.honestcompute.examples.onnx;
