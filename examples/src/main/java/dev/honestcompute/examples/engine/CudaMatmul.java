package dev.honestcompute.examples.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.honestcompute.recorder.Backend;
import dev.honestcompute.recorder.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * F32 matrix-vector product on the GPU: the {@code matmul_f32} kernel from {@code src/main/cuda/matmul.cu}, loaded
 * as PTX from the classpath, weights uploaded once per matrix. Single-threaded use only (like the engine).
 */
final class CudaMatmul {

    static final String PTX_RESOURCE = "matmul.ptx";
    static final String FUNCTION = "matmul_f32";
    private static final int BLOCK_THREADS = 128;
    private static final int ROWS_PER_BLOCK = BLOCK_THREADS / 32;

    private final CudaDriver driver;
    private final MemorySegment context;
    private final MemorySegment function;
    private final Map<WeightMatrix, Long> uploaded = new IdentityHashMap<>();
    private long xBuffer;
    private long xCapacity;
    private long outBuffer;
    private long outCapacity;

    private CudaMatmul(CudaDriver driver, MemorySegment context, MemorySegment function) {
        this.driver = driver;
        this.context = context;
        this.function = function;
    }

    /** Loads the driver, picks device 0, makes its primary context current and loads the PTX. */
    static CudaMatmul open() throws CudaUnavailableException {
        CudaDriver d = CudaDriver.load();
        int rc = d.init(0);
        if (rc == CudaDriver.CUDA_ERROR_NO_DEVICE) {
            throw new CudaUnavailableException(CudaUnavailableException.NO_DEVICE, "cuInit: " + d.errorName(rc)
                    + "; the driver " + d.library() + " sees no GPU", null);
        }
        if (rc != CudaDriver.CUDA_SUCCESS) {
            throw new CudaUnavailableException(CudaUnavailableException.INIT_FAILED, "cuInit failed: "
                    + d.errorName(rc), null);
        }
        Arena arena = Arena.global();
        MemorySegment count = arena.allocate(JAVA_INT);
        rc = d.deviceGetCount(count);
        if (rc != CudaDriver.CUDA_SUCCESS || count.get(JAVA_INT, 0) < 1) {
            throw new CudaUnavailableException(CudaUnavailableException.NO_DEVICE, "cuDeviceGetCount: "
                    + d.errorName(rc) + ", devices=" + count.get(JAVA_INT, 0), null);
        }
        MemorySegment device = arena.allocate(JAVA_INT);
        check(d, d.deviceGet(device, 0), "cuDeviceGet(0)");
        MemorySegment ctx = arena.allocate(ADDRESS);
        check(d, d.devicePrimaryCtxRetain(ctx, device.get(JAVA_INT, 0)), "cuDevicePrimaryCtxRetain");
        MemorySegment context = ctx.get(ADDRESS, 0);
        check(d, d.ctxSetCurrent(context), "cuCtxSetCurrent");
        MemorySegment module = arena.allocate(ADDRESS);
        check(d, d.moduleLoadData(module, arena.allocateFrom(ptx())), "cuModuleLoadData(" + PTX_RESOURCE + ")");
        MemorySegment fn = arena.allocate(ADDRESS);
        check(d, d.moduleGetFunction(fn, module.get(ADDRESS, 0), arena.allocateFrom(FUNCTION)),
                "cuModuleGetFunction(" + FUNCTION + ")");
        return new CudaMatmul(d, context, fn.get(ADDRESS, 0));
    }

    /** The committed PTX text (built from src/main/cuda/matmul.cu). */
    static String ptx() {
        try (InputStream in = CudaMatmul.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource dev/honestcompute/examples/engine/" + PTX_RESOURCE
                        + " is missing; rebuild it with the nvcc command in src/main/cuda/matmul.cu");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PTX_RESOURCE, e);
        }
    }

    /** {@code out = w x} on the GPU; throws when any driver call fails (the caller reports it). */
    void matmul(WeightMatrix w, float[] x, float[] out) {
        check(driver.ctxSetCurrent(context), "cuCtxSetCurrent");
        long weights = uploaded.computeIfAbsent(w, this::upload);
        ensureCapacity((long) x.length * 4, (long) w.rows() * 4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hostX = arena.allocateFrom(JAVA_FLOAT, x);
            check(driver.memcpyHtoD(xBuffer, hostX, hostX.byteSize()), "cuMemcpyHtoD(x)");
            MemorySegment args = arena.allocate(ADDRESS, 5);
            args.setAtIndex(ADDRESS, 0, arena.allocateFrom(JAVA_LONG, weights));
            args.setAtIndex(ADDRESS, 1, arena.allocateFrom(JAVA_LONG, xBuffer));
            args.setAtIndex(ADDRESS, 2, arena.allocateFrom(JAVA_LONG, outBuffer));
            args.setAtIndex(ADDRESS, 3, arena.allocateFrom(JAVA_INT, w.rows()));
            args.setAtIndex(ADDRESS, 4, arena.allocateFrom(JAVA_INT, w.cols()));
            int grid = (w.rows() + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
            check(launchMatmul(driver, function, grid, BLOCK_THREADS, args), "cuLaunchKernel(" + FUNCTION + ")");
            check(driver.ctxSynchronize(), "cuCtxSynchronize");
            MemorySegment hostOut = arena.allocate(JAVA_FLOAT, w.rows());
            check(driver.memcpyDtoH(hostOut, outBuffer, hostOut.byteSize()), "cuMemcpyDtoH(out)");
            MemorySegment.copy(hostOut, JAVA_FLOAT, 0, out, 0, w.rows());
        }
    }

    /**
     * The recorded CUDA launch: one method that returns the driver's {@code CUresult}. The recorder counts it as a
     * CUDA kernel only when it returns {@code CUDA_SUCCESS} (0); any other result is a failed launch.
     */
    @Kernel(id = "matmul_f32_cuda", backend = Backend.CUDA, success = Kernel.Success.RETURNED_ZERO)
    static int launchMatmul(CudaDriver driver, MemorySegment function, int gridX, int blockX, MemorySegment params) {
        return driver.launchKernel(function, gridX, 1, 1, blockX, 1, 1, 0, MemorySegment.NULL, params,
                MemorySegment.NULL);
    }

    private long upload(WeightMatrix w) {
        long bytes = (long) w.values().length * 4;
        long ptr = alloc(bytes, "weights " + w.name());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocateFrom(JAVA_FLOAT, w.values());
            check(driver.memcpyHtoD(ptr, host, bytes), "cuMemcpyHtoD(" + w.name() + ")");
        }
        return ptr;
    }

    private void ensureCapacity(long xBytes, long outBytes) {
        if (xBytes > xCapacity) {
            if (xCapacity > 0) {
                driver.memFree(xBuffer);
            }
            xBuffer = alloc(xBytes, "x");
            xCapacity = xBytes;
        }
        if (outBytes > outCapacity) {
            if (outCapacity > 0) {
                driver.memFree(outBuffer);
            }
            outBuffer = alloc(outBytes, "out");
            outCapacity = outBytes;
        }
    }

    private long alloc(long bytes, String what) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ptr = arena.allocate(JAVA_LONG);
            check(driver.memAlloc(ptr, bytes), "cuMemAlloc(" + what + ", " + bytes + " bytes)");
            return ptr.get(JAVA_LONG, 0);
        }
    }

    private void check(int rc, String call) {
        if (rc != CudaDriver.CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + driver.errorName(rc));
        }
    }

    private static void check(CudaDriver d, int rc, String call) throws CudaUnavailableException {
        if (rc != CudaDriver.CUDA_SUCCESS) {
            throw new CudaUnavailableException(CudaUnavailableException.SETUP_FAILED, call + " failed: "
                    + d.errorName(rc), null);
        }
    }
}
