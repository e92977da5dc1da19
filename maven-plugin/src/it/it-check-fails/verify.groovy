// The receipts pass the verifier (the test claims cpu and ran on the cpu), but two of the three check rules do not
// hold: the build fails with each, naming the rule, the test, what was expected and what was found.
def log = new File(basedir, 'build.log').text
['honest-compute:verify: 1 receipt(s)', '1 passed, 0 failed',
 'honest-compute:check: 2 failure(s) over 1 receipt(s)',
 "rule 2 [tests=*ScalarTest, backend=cpu-simd] com.example.ScalarTest#sumsOnTheCpu",
 "expected a kernel observed on backend 'cpu-simd', found backends [cpu]",
 "rule 3 [tests=*CudaTest, backend=cuda]: expected at least 1 receipt(s) of tests matching '*CudaTest', found 0 among 1 receipt(s)"].each {
    if (!log.contains(it)) throw new AssertionError("build.log lacks '${it}'")
}
if (log.contains('rule 1 [')) throw new AssertionError('rule 1 holds and must not be reported')
true
