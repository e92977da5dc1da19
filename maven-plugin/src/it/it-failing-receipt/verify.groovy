// The receipt of a test that claimed real compute while no kernel ran breaks HC005; honest-compute:verify fails
// the build with that violation, naming the receipt, although Surefire was told to ignore test failures.
def log = new File(basedir, 'build.log').text
def receipt = new File(basedir, 'target/receipts/com.example.ClaimsWithoutComputeTest/answersWithoutComputing.json')
if (!receipt.isFile()) throw new AssertionError("no receipt written: ${receipt}")
['honest-compute:verify: 1 receipt(s) in', '0 passed, 1 failed',
 'com.example.ClaimsWithoutComputeTest/answersWithoutComputing.json: FAILED', 'HC005 ERROR /kernels'].each {
    if (!log.contains(it)) throw new AssertionError("build.log lacks '${it}'")
}
if (!(log =~ /BUILD FAILURE/)) throw new AssertionError('the build did not fail')
true
