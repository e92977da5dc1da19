package dev.honestcompute.examples.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few CUDA driver API calls the CUDA backend needs, bound with FFM ({@code java.lang.foreign}) to
 * {@code libcuda.so.1}. Every method returns the raw {@code CUresult} (0 = {@code CUDA_SUCCESS}).
 */
final class CudaDriver {

    static final int CUDA_SUCCESS = 0;
    static final int CUDA_ERROR_NO_DEVICE = 100;
    /** System property naming the driver library to load instead of {@code libcuda.so.1}. */
    static final String LIBRARY_PROPERTY = "honestcompute.cuda.driver";

    private final String library;
    private final MethodHandle cuInit;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuGetErrorName;

    private CudaDriver(String library, SymbolLookup lib) throws CudaUnavailableException {
        this.library = library;
        cuInit = bind(lib, "cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        cuDeviceGetCount = bind(lib, "cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cuDeviceGet = bind(lib, "cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuDevicePrimaryCtxRetain = bind(lib, "cuDevicePrimaryCtxRetain",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        cuCtxSetCurrent = bind(lib, "cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        cuModuleLoadData = bind(lib, "cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        cuModuleGetFunction = bind(lib, "cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuMemAlloc = bind(lib, "cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        cuMemFree = bind(lib, "cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        cuMemcpyHtoD = bind(lib, "cuMemcpyHtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        cuMemcpyDtoH = bind(lib, "cuMemcpyDtoH_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        cuLaunchKernel = bind(lib, "cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuCtxSynchronize = bind(lib, "cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT));
        cuGetErrorName = bind(lib, "cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** Loads the driver library and binds the entry points; does not call {@code cuInit}. */
    static CudaDriver load() throws CudaUnavailableException {
        String library = System.getProperty(LIBRARY_PROPERTY, "libcuda.so.1");
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new CudaUnavailableException(CudaUnavailableException.DRIVER_MISSING, "the CUDA driver library "
                    + library + " cannot be loaded (" + e.getMessage() + "); install the NVIDIA driver or run on a "
                    + "GPU host", e);
        }
        return new CudaDriver(library, lib);
    }

    private MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor fd) throws CudaUnavailableException {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new CudaUnavailableException(
                CudaUnavailableException.DRIVER_SYMBOL_MISSING, library + " has no symbol " + name
                + "; it is not a CUDA driver library (or too old)", null));
        return Linker.nativeLinker().downcallHandle(symbol, fd);
    }

    String library() {
        return library;
    }

    int init(int flags) {
        return call(() -> (int) cuInit.invokeExact(flags));
    }

    int deviceGetCount(MemorySegment count) {
        return call(() -> (int) cuDeviceGetCount.invokeExact(count));
    }

    int deviceGet(MemorySegment device, int ordinal) {
        return call(() -> (int) cuDeviceGet.invokeExact(device, ordinal));
    }

    int devicePrimaryCtxRetain(MemorySegment context, int device) {
        return call(() -> (int) cuDevicePrimaryCtxRetain.invokeExact(context, device));
    }

    int ctxSetCurrent(MemorySegment context) {
        return call(() -> (int) cuCtxSetCurrent.invokeExact(context));
    }

    int moduleLoadData(MemorySegment module, MemorySegment image) {
        return call(() -> (int) cuModuleLoadData.invokeExact(module, image));
    }

    int moduleGetFunction(MemorySegment function, MemorySegment module, MemorySegment name) {
        return call(() -> (int) cuModuleGetFunction.invokeExact(function, module, name));
    }

    int memAlloc(MemorySegment devicePtr, long bytes) {
        return call(() -> (int) cuMemAlloc.invokeExact(devicePtr, bytes));
    }

    int memFree(long devicePtr) {
        return call(() -> (int) cuMemFree.invokeExact(devicePtr));
    }

    int memcpyHtoD(long dst, MemorySegment src, long bytes) {
        return call(() -> (int) cuMemcpyHtoD.invokeExact(dst, src, bytes));
    }

    int memcpyDtoH(MemorySegment dst, long src, long bytes) {
        return call(() -> (int) cuMemcpyDtoH.invokeExact(dst, src, bytes));
    }

    int launchKernel(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                     int sharedMemBytes, MemorySegment stream, MemorySegment params, MemorySegment extra) {
        return call(() -> (int) cuLaunchKernel.invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                sharedMemBytes, stream, params, extra));
    }

    int ctxSynchronize() {
        return call(() -> (int) cuCtxSynchronize.invokeExact());
    }

    /** {@code CUDA_ERROR_...} name of a result code, or the number when the driver does not know it. */
    String errorName(int result) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = call(() -> (int) cuGetErrorName.invokeExact(result, out));
            MemorySegment s = out.get(ADDRESS, 0);
            if (rc != CUDA_SUCCESS || s.equals(MemorySegment.NULL)) {
                return "CUresult " + result;
            }
            return s.reinterpret(256).getString(0) + " (" + result + ")";
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws Throwable;
    }

    private static int call(NativeCall c) {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("CUDA driver call failed in the FFM binding", t);
        }
    }
}
