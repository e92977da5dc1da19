// Matrix-vector product for the example engine's CUDA backend: out[r] = sum_c w[r * cols + c] * x[c].
// One warp per output row; lanes stride over the columns, then a shuffle reduction.
// Built into the committed resource (the build never needs nvcc; EngineCudaPtxTest rebuilds and compares):
//   nvcc -ptx -arch=compute_75 -o src/main/resources/dev/honestcompute/examples/engine/matmul.ptx src/main/cuda/matmul.cu
extern "C" __global__ void matmul_f32(const float* __restrict__ w, const float* __restrict__ x,
                                      float* __restrict__ out, int rows, int cols) {
    int row = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
    int lane = threadIdx.x % 32;
    if (row >= rows) {
        return;  // uniform across the warp: all lanes share the row
    }
    const float* r = w + (size_t) row * cols;
    float sum = 0.0f;
    for (int c = lane; c < cols; c += 32) {
        sum += r[c] * x[c];
    }
    for (int offset = 16; offset > 0; offset >>= 1) {
        sum += __shfl_down_sync(0xffffffffu, sum, offset);
    }
    if (lane == 0) {
        out[row] = sum;
    }
}
